"""The office's working-day calendar: weekends, public holidays, joint leave, office hours.

The SOP's time standards ("1 hari", "15 menit") are read as *working* time: a recap handed in
on Friday afternoon is not late on Monday morning, and nobody is expected to verify data on
Independence Day. Everything here is pure: holidays are passed in as data (or computed by the
`holidays` package, which does no I/O), and moments are passed in, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays as holidays_lib

JAKARTA = ZoneInfo("Asia/Jakarta")

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_ONE_DAY = timedelta(days=1)
_NO_DAYS_OFF: Mapping[date, str] = MappingProxyType({})


class WorkingCalendar:
    """Which days are working days, and how much working time lies between two moments.

    `holidays` is any mapping of date -> name; `extra_days_off` are the office's own days off
    from config (e.g. a local cuti bersama the national list lacks). `weekend` holds
    `date.weekday()` numbers (Monday = 0). Office hours are in `timezone` (WIB by default).
    """

    def __init__(
        self,
        holidays: Mapping[date, str],
        extra_days_off: Mapping[date, str] = _NO_DAYS_OFF,
        workday_start: time = time(7, 30),
        workday_end: time = time(16, 0),
        weekend: Iterable[int] = (5, 6),
        timezone: ZoneInfo = JAKARTA,
    ) -> None:
        if workday_start >= workday_end:
            raise ValueError(
                f"jam kerja tidak valid: mulai {workday_start} harus sebelum selesai {workday_end}"
            )
        self.holidays = holidays
        self.extra_days_off = MappingProxyType(dict(extra_days_off))
        self.workday_start = workday_start
        self.workday_end = workday_end
        self.weekend = frozenset(weekend)
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise ValueError(f"akhir pekan tidak valid: {sorted(self.weekend)}")
        self.timezone = timezone

    @classmethod
    def for_indonesia(
        cls,
        years: Iterable[int],
        extra_days_off: Mapping[date, str] = _NO_DAYS_OFF,
        *,
        workday_start: time = time(7, 30),
        workday_end: time = time(16, 0),
        weekend: Iterable[int] = (5, 6),
    ) -> WorkingCalendar:
        """National public holidays plus the government's joint leave days (cuti bersama).

        The "government" category of `holidays.Indonesia` is what adds cuti bersama; names are
        in Indonesian. `years` are computed up front; a date in any other year is still
        answered correctly, because the `holidays` mapping fills in a year on first lookup.
        """
        national = holidays_lib.Indonesia(
            years=list(years), categories=("public", "government"), language="id"
        )
        return cls(national, extra_days_off, workday_start, workday_end, weekend)

    @property
    def workday_length(self) -> timedelta:
        """Working time in one full working day (07:30-16:00 is 8 h 30 min)."""
        return _at(date.min, self.workday_end) - _at(date.min, self.workday_start)

    def day_off_reason(self, d: date) -> str | None:
        """Why `d` is not a working day, in Indonesian, or None when it is one.

        A named holiday wins over the weekday name: "Hari Raya Idul Fitri" says more than
        "Sabtu" when Lebaran falls on a Saturday.
        """
        name = self.holidays.get(d)
        if name:
            return name
        if d in self.extra_days_off:
            return self.extra_days_off[d]
        if d.weekday() in self.weekend:
            return HARI[d.weekday()]
        return None

    def is_working_day(self, d: date) -> bool:
        return self.day_off_reason(d) is None

    def next_working_day(self, d: date) -> date:
        """`d` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """`d` itself when it is a working day, else the last working day before it."""
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d` (before it when n < 0); `d` itself when n == 0.

        `d` does not need to be a working day: one working day after Saturday is Monday.
        """
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        for _ in range(abs(n)):
            d += step
            while not self.is_working_day(d):
                d += step
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """How many working days lie in (a, b]: after `a`, up to and including `b`.

        So `working_days_between(d, add_working_days(d, n)) == n`, and a submission on the
        working day after its deadline is 1 working day late. Negative when b < a.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a + _ONE_DAY
        while d <= b:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in [start, end]: office hours on working days only.

        This is how the SOP's "15 menit" is measured: a verification started at 15:55 and
        finished at 07:40 the next working day took 15 minutes, not 15 hours and 45 minutes.
        Both moments must be timezone-aware; they are read in the calendar's timezone.
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("waktu harus menyertakan zona waktu (mis. Asia/Jakarta)")
        if end < start:
            raise ValueError(f"waktu selesai {end.isoformat()} sebelum mulai {start.isoformat()}")
        start = start.astimezone(self.timezone)
        end = end.astimezone(self.timezone)
        total = timedelta()
        d = start.date()
        while d <= end.date():
            if self.is_working_day(d):
                opens = _at(d, self.workday_start, self.timezone)
                closes = _at(d, self.workday_end, self.timezone)
                overlap = min(end, closes) - max(start, opens)
                if overlap > timedelta():
                    total += overlap
            d += _ONE_DAY
        return total


def _at(d: date, t: time, tz: ZoneInfo | None = None) -> datetime:
    return datetime.combine(d, t, tzinfo=tz)
