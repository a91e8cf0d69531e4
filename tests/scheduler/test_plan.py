"""The scheduler's plan at explicit instants in July-September 2026.

The calendar around them: 1-2 Aug and 5-6 Sep are weekends, 17 Aug (Independence Day, a
Monday) and 25 Aug (Maulid Nabi) are public holidays. Period 2026-07 is due Mon 3 Aug (the
2nd is a Sunday) and closes Wed 5 Aug; period 2026-08 is due Wed 2 Sep and closes Mon 7 Sep
(the 5th is a Saturday).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from service.clock import JAKARTA
from service.domain.calendar import WorkingCalendar
from service.domain.period import Period
from service.scheduler.plan import (
    collection_window,
    open_periods,
    plan_archive,
    plan_provision,
    plan_reconcile,
    plan_remind,
    reporting_period,
)

JULY, AUGUST, SEPTEMBER = Period(2026, 7), Period(2026, 8), Period(2026, 9)
CALENDAR = WorkingCalendar.for_indonesia(range(2026, 2028))


def at(month: int, day: int, hour: int = 8, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=JAKARTA)


def pulls(now: datetime, months: dict[Period, str], *, window: bool) -> list[Period]:
    return [a.period for a in plan_reconcile(now, months, CALENDAR, window=window)]


def reminded(now: datetime, months: dict[Period, str]) -> list[Period]:
    return [a.period for a in plan_remind(now, months, CALENDAR)]


def test_the_reporting_period_is_the_previous_month_in_jakarta_time() -> None:
    assert reporting_period(at(8, 1, 0, 0), JAKARTA) == JULY
    # 31 Jul 17:30 UTC is already 1 Aug 00:30 in Jakarta
    utc_evening = datetime.fromisoformat("2026-07-31T17:30:00+00:00")
    assert reporting_period(utc_evening, JAKARTA) == JULY
    assert reporting_period(at(7, 31, 23, 59), JAKARTA) == Period(2026, 6)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="zona waktu"):
        reporting_period(datetime(2026, 8, 3, 8, 0), JAKARTA)


def test_the_window_runs_from_the_first_to_the_end_of_the_moved_closing_day() -> None:
    assert collection_window(JULY, CALENDAR) == (at(8, 1, 0, 0), at(8, 5, 23, 59, 59))
    # the 5th of September is a Saturday: the window stretches over the weekend to Monday
    assert collection_window(AUGUST, CALENDAR) == (at(9, 1, 0, 0), at(9, 7, 23, 59, 59))


def test_a_month_provisioned_ahead_is_not_open_before_its_collection_starts() -> None:
    months = {JULY: "disiapkan"}
    assert open_periods(at(7, 28), months, JAKARTA) == []
    assert pulls(at(7, 28), months, window=True) == []
    assert pulls(at(7, 28), months, window=False) == []
    assert open_periods(at(8, 1, 0, 0), months, JAKARTA) == [JULY]


def test_each_open_month_is_pulled_by_exactly_one_of_the_two_reconcile_jobs() -> None:
    months = {JULY: "disiapkan"}
    # Saturday 1 Aug, the window has opened: the frequent job pulls, the hourly one not
    assert pulls(at(8, 1, 10), months, window=True) == [JULY]
    assert pulls(at(8, 1, 10), months, window=False) == []
    # the last second of the closing day is still inside
    assert pulls(at(8, 5, 23, 59, 59), months, window=True) == [JULY]
    # after closing, July is still open (review and sign-off): hourly pulls
    assert pulls(at(8, 6, 0, 0), months, window=True) == []
    assert pulls(at(8, 6, 0, 0), months, window=False) == [JULY]
    # on Independence Day too: the machine keeps pulling, only mail rests
    assert pulls(at(8, 17, 10), months, window=False) == [JULY]


def test_the_window_follows_the_closing_deadline_across_a_weekend() -> None:
    months = {JULY: "diarsip", AUGUST: "disiapkan"}
    assert pulls(at(9, 6, 12), months, window=True) == [AUGUST]  # Sunday
    assert pulls(at(9, 7, 23, 0), months, window=True) == [AUGUST]  # moved closing day
    assert pulls(at(9, 8, 0, 0), months, window=False) == [AUGUST]


def test_a_month_waiting_for_its_sign_off_stays_open_beside_the_new_one() -> None:
    months = {JULY: "disiapkan", AUGUST: "disiapkan", SEPTEMBER: "disiapkan"}
    now = at(9, 2, 9)
    assert open_periods(now, months, JAKARTA) == [JULY, AUGUST]
    assert pulls(now, months, window=True) == [AUGUST]
    assert pulls(now, months, window=False) == [JULY]


def test_an_archived_month_is_closed_and_an_approved_one_is_archived() -> None:
    months = {JULY: "diarsip", AUGUST: "disahkan"}
    assert open_periods(at(10, 1), months, JAKARTA) == [AUGUST]
    assert [str(a) for a in plan_archive(months)] == [
        "archive 2026-08: sudah disahkan Kepala Dinas"
    ]
    assert plan_archive({JULY: "diarsip", AUGUST: "disiapkan"}) == []


def test_reminders_only_on_working_mornings() -> None:
    months = {JULY: "disiapkan"}
    assert reminded(at(7, 31), months) == []  # July is not open yet
    assert reminded(at(8, 1), months) == []  # Saturday
    assert reminded(at(8, 2), months) == []  # Sunday
    assert reminded(at(8, 3), months) == [JULY]  # Monday, the moved submission day
    assert reminded(at(8, 14), months) == [JULY]  # Friday
    assert reminded(at(8, 15), months) == []  # Saturday
    assert reminded(at(8, 17), months) == []  # Independence Day (Monday)
    assert reminded(at(8, 18), months) == [JULY]
    assert reminded(at(8, 25), months) == []  # Maulid Nabi


def test_no_reminders_once_the_head_of_the_dinas_has_approved() -> None:
    assert reminded(at(8, 18), {JULY: "disahkan"}) == []
    assert reminded(at(8, 18), {JULY: "diarsip"}) == []


def test_the_month_is_provisioned_from_the_configured_day_until_it_is_approved() -> None:
    def provisioned(now: datetime, months: dict[Period, str], day: int = 25) -> list[Period]:
        return [a.period for a in plan_provision(now, months, day, JAKARTA)]

    assert provisioned(at(7, 24, 7), {}) == []
    assert provisioned(at(7, 25, 7), {}) == [JULY]  # a Saturday: machines work on days off
    # 25 Aug is Maulid Nabi: August is provisioned all the same
    assert provisioned(at(8, 25, 7), {JULY: "disiapkan"}) == [AUGUST]
    # repeated (idempotent) on the following days, finishing a crashed or missed run
    assert provisioned(at(8, 26, 7), {AUGUST: "disiapkan"}) == [AUGUST]
    assert provisioned(at(8, 26, 7), {AUGUST: "disahkan"}) == []
    assert provisioned(at(8, 20, 7), {}, day=20) == [AUGUST]


def test_the_daily_tamper_check_covers_every_known_month() -> None:
    from service.scheduler.plan import plan_tamper

    actions = plan_tamper({Period(2026, 10): "disiapkan", Period(2026, 9): "diarsip"})
    assert [(a.job, str(a.period)) for a in actions] == [("tamper-check", "2026-09"),
                                                          ("tamper-check", "2026-10")]
