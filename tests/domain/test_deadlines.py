"""SOP deadlines: the 2nd and the 5th of the month after the period, moved off days off.

Dates checked against `holidays.Indonesia(categories=("public", "government"))`:
- 2 Aug 2026 is a Sunday; 5 Aug 2026 a Wednesday.
- 5 Apr 2026 is a Sunday.
- 1 Jan 2027 (Fri) New Year, 2 Jan Saturday, 5 Jan 2027 (Tue) Isra Mikraj.
- Lebaran 2025: 28 Mar (Fri) joint leave, 29 Mar (Sat) Nyepi, 31 Mar - 7 Apr holidays and
  joint leave (with the weekend of 5-6 Apr), so 8 Apr (Tue) is the first working day.
"""

from datetime import UTC, date, datetime

import pytest

from service.domain.calendar import JAKARTA, WorkingCalendar
from service.domain.deadlines import DeadlinePolicy, month_deadlines
from service.domain.period import Period

CAL = WorkingCalendar.for_indonesia([2025, 2026, 2027])


def test_realization_of_july_is_due_in_august_moved_off_the_sunday() -> None:
    deadlines = month_deadlines(Period(2026, 7), CAL, DeadlinePolicy())
    assert deadlines.submission == date(2026, 8, 3)
    assert deadlines.closing == date(2026, 8, 5)


def test_as_lines_is_the_output_of_the_deadlines_command() -> None:
    deadlines = month_deadlines(Period(2026, 7), CAL)
    assert deadlines.as_lines() == ["submission: 2026-08-03", "closing: 2026-08-05"]


def test_a_closing_day_on_sunday_moves_to_monday() -> None:
    deadlines = month_deadlines(Period(2026, 3), CAL)
    assert deadlines.as_lines() == ["submission: 2026-04-02", "closing: 2026-04-06"]


def test_december_deadlines_fall_in_january_moved_off_saturday_and_a_holiday() -> None:
    deadlines = month_deadlines(Period(2026, 12), CAL, DeadlinePolicy(on_day_off="next"))
    assert deadlines.submission == date(2027, 1, 4)  # Sat 2 Jan -> Mon 4 Jan
    assert deadlines.closing == date(2027, 1, 6)  # Tue 5 Jan Isra Mikraj -> Wed 6 Jan


def test_previous_rule_moves_deadlines_back_even_into_the_period_itself() -> None:
    deadlines = month_deadlines(Period(2026, 12), CAL, DeadlinePolicy(on_day_off="previous"))
    assert deadlines.submission == date(2026, 12, 31)  # Sat 2 Jan, Fri 1 Jan New Year
    assert deadlines.closing == date(2027, 1, 4)


def test_keep_rule_leaves_deadlines_on_the_day_off() -> None:
    deadlines = month_deadlines(Period(2026, 12), CAL, DeadlinePolicy(on_day_off="keep"))
    assert deadlines.submission == date(2027, 1, 2)
    assert deadlines.closing == date(2027, 1, 5)


def test_next_rule_skips_the_whole_lebaran_break() -> None:
    deadlines = month_deadlines(Period(2025, 3), CAL, DeadlinePolicy(on_day_off="next"))
    assert deadlines.as_lines() == ["submission: 2025-04-08", "closing: 2025-04-08"]


def test_previous_rule_goes_back_before_the_lebaran_break() -> None:
    deadlines = month_deadlines(Period(2025, 3), CAL, DeadlinePolicy(on_day_off="previous"))
    assert deadlines.submission == date(2025, 3, 27)
    assert deadlines.closing == date(2025, 3, 27)


def test_office_extra_day_off_moves_a_deadline() -> None:
    cal = WorkingCalendar.for_indonesia([2026], {date(2026, 8, 5): "Rapat kerja"})
    assert month_deadlines(Period(2026, 7), cal).closing == date(2026, 8, 6)


def test_configured_days_replace_the_2nd_and_the_5th() -> None:
    policy = DeadlinePolicy(submission_day=4, closing_day=10)
    deadlines = month_deadlines(Period(2026, 7), CAL, policy)
    assert deadlines.as_lines() == ["submission: 2026-08-04", "closing: 2026-08-10"]


def test_deadline_instant_is_end_of_day_in_jakarta() -> None:
    deadlines = month_deadlines(Period(2026, 7), CAL)
    assert deadlines.submission_due_at == datetime(2026, 8, 3, 23, 59, 59, tzinfo=JAKARTA)
    assert deadlines.closing_due_at == datetime(2026, 8, 5, 16, 59, 59, tzinfo=UTC)
    assert deadlines.period == Period(2026, 7)


def test_an_unknown_day_off_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="on_day_off"):
        DeadlinePolicy(on_day_off="nearest")  # type: ignore[arg-type]


def test_a_deadline_day_past_the_28th_is_refused() -> None:
    with pytest.raises(ValueError, match="closing_day harus 1-28"):
        DeadlinePolicy(closing_day=31)


def test_a_submission_day_after_the_closing_day_is_refused() -> None:
    with pytest.raises(ValueError, match="tidak boleh setelah"):
        DeadlinePolicy(submission_day=6, closing_day=5)
