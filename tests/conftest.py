"""Shared fixtures: a job context on the local backend with the sample office imported."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from service.bootstrap import build_context
from service.clock import JAKARTA, SimulatedClock
from service.config import Settings
from service.context import JobContext
from service.sheets.layout import TEMPLATES_DIR
from service.sheets.roster_workbook import read_roster
from service.store import roster_repo

SAMPLE_ROSTER = TEMPLATES_DIR / "roster-contoh.xlsx"


@pytest.fixture(autouse=True)
def no_kinerja_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never run against the developer's database, mail server or Drive: every
    KINERJA_* variable is cleared; a test that needs a setting sets it."""
    for name in [n for n in os.environ if n.startswith("KINERJA_")]:
        monkeypatch.delenv(name)


def jakarta(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def make_context(workspace: Path, clock: SimulatedClock) -> JobContext:
    """A context exactly as the CLI builds it, on a fresh workspace, sample roster loaded."""
    ctx = build_context(Settings.from_env(str(workspace), environ={}), clock=clock)
    roster, agreements = read_roster(SAMPLE_ROSTER)
    with ctx.db.session() as session:
        roster_repo.save_roster(session, ctx.office, roster, agreements)
    return ctx


@pytest.fixture
def context_at(tmp_path: Path) -> Callable[[datetime], tuple[JobContext, SimulatedClock]]:
    def build(now: datetime) -> tuple[JobContext, SimulatedClock]:
        clock = SimulatedClock(now)
        return make_context(tmp_path / "ws", clock), clock

    return build
