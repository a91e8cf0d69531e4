"""What every job receives: the concrete parts, built once by `bootstrap`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from service.clock import Clock
from service.config import Settings
from service.domain.calendar import WorkingCalendar
from service.domain.deadlines import Deadlines, month_deadlines
from service.domain.period import Period
from service.notify.mailer import Mailer
from service.sheets.port import SheetBackend
from service.store.db import Database


def _silent(message: str) -> None:
    return None


@dataclass
class JobContext:
    settings: Settings
    backend: SheetBackend
    db: Database
    clock: Clock
    mailer: Mailer
    calendar: WorkingCalendar
    progress: Callable[[str], None] = _silent

    @property
    def office(self) -> str:
        return self.settings.office

    def deadlines(self, period: Period) -> Deadlines:
        return month_deadlines(period, self.calendar, self.settings.deadlines)


@dataclass
class JobResult:
    """What one run did; `changed` is 0 when a rerun found nothing to do."""

    job: str
    period: str
    changed: int = 0
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
