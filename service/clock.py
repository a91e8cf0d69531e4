"""Time for jobs. Logic never calls `datetime.now()`; it asks the clock it was given, so the
demo can run a month in seconds and tests can pin any moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from service.domain.calendar import JAKARTA


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def __init__(self, tz: ZoneInfo = JAKARTA) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


class SimulatedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("simulated clock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        if moment < self._now:
            raise ValueError("the simulated clock does not run backwards")
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta
