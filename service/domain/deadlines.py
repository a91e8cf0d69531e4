"""The month's SOP deadlines: realization due on the 2nd, collection closed on the 5th.

Both fall in the month *after* the period they report on (July's realization is due on
2 August), and both move when they land on a day off, by a rule the office chooses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal, get_args

from service.domain.calendar import WorkingCalendar
from service.domain.period import Period

OnDayOff = Literal["next", "previous", "keep"]

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class DeadlinePolicy:
    """When the deadlines fall, from config.

    `on_day_off`: "next" (default) moves a deadline on a weekend or holiday to the next working
    day, which is the usual reading of "paling lambat tanggal 2"; "previous" moves it to the
    working day before, for offices that want the data in hand before the break; "keep" leaves
    it on the day off.
    """

    submission_day: int = 2
    closing_day: int = 5
    on_day_off: OnDayOff = "next"

    def __post_init__(self) -> None:
        if self.on_day_off not in get_args(OnDayOff):
            raise ValueError(
                f"on_day_off {self.on_day_off!r} tidak dikenal: pilih next, previous atau keep"
            )
        # Day 28 exists in every month, so a deadline can never point past a month's end.
        for name, day in (
            ("submission_day", self.submission_day),
            ("closing_day", self.closing_day),
        ):
            if not 1 <= day <= 28:
                raise ValueError(f"{name} harus 1-28, bukan {day}")
        if self.submission_day > self.closing_day:
            raise ValueError(
                f"submission_day ({self.submission_day}) tidak boleh setelah "
                f"closing_day ({self.closing_day})"
            )


@dataclass(frozen=True)
class Deadlines:
    """The deadlines of one period, already moved off days off by the policy.

    `submission_due_at` / `closing_due_at` are the last instants that still count as on time:
    23:59:59 of the deadline date in the calendar's timezone (Asia/Jakarta by default).
    """

    period: Period
    submission: date
    closing: date
    submission_due_at: datetime
    closing_due_at: datetime

    def as_lines(self) -> list[str]:
        """The output of `kinerja deadlines PERIOD`: one `name: YYYY-MM-DD` per line."""
        return [
            f"submission: {self.submission.isoformat()}",
            f"closing: {self.closing.isoformat()}",
        ]


def month_deadlines(
    period: Period, calendar: WorkingCalendar, policy: DeadlinePolicy | None = None
) -> Deadlines:
    """The submission and closing deadlines for the realization of `period`."""
    policy = policy or DeadlinePolicy()
    due_month = period.next()
    submission = _apply_rule(
        date(due_month.year, due_month.month, policy.submission_day), calendar, policy.on_day_off
    )
    closing = _apply_rule(
        date(due_month.year, due_month.month, policy.closing_day), calendar, policy.on_day_off
    )
    return Deadlines(
        period=period,
        submission=submission,
        closing=closing,
        submission_due_at=end_of_day(submission, calendar),
        closing_due_at=end_of_day(closing, calendar),
    )


def end_of_day(d: date, calendar: WorkingCalendar) -> datetime:
    """23:59:59 of `d` in the calendar's timezone: the instant a date deadline expires."""
    return datetime.combine(d, END_OF_DAY, tzinfo=calendar.timezone)


def _apply_rule(d: date, calendar: WorkingCalendar, rule: OnDayOff) -> date:
    if rule == "next":
        return calendar.next_working_day(d)
    if rule == "previous":
        return calendar.previous_working_day(d)
    return d
