"""An approved and archived month to act on: the demo is run once per test session, and each
test gets its own copy of the workspace (database, workbooks, archive) to change freely."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.context import JobContext
from service.demo.run import run_demo
from service.domain.period import Period
from service.domain.roster import Role
from service.jobs.signoff_link import sign_with_link
from service.sheets.specs import KIND_MASTER
from service.store import month_repo as months
from service.store import roster_repo
from service.store.signoff_repo import active_signoffs
from tests.conftest import jakarta

PERIOD = Period(2026, 10)
_DEMO: dict[str, Path] = {}


def demo_workspace(factory: pytest.TempPathFactory) -> Path:
    """The demo month of October 2026, approved by all four and archived as v1."""
    if "ws" not in _DEMO:
        workspace = factory.mktemp("demo-disahkan") / "ws"
        assert run_demo(workspace, PERIOD) == 0
        _DEMO["ws"] = workspace
    return _DEMO["ws"]


def copy_of_month(factory: pytest.TempPathFactory, target: Path) -> tuple[JobContext,
                                                                          SimulatedClock]:
    """A private copy (file times kept, so unchanged sheets still read as unchanged), with
    a clock a few days after the archive."""
    shutil.copytree(demo_workspace(factory), target, copy_function=shutil.copy2)
    clock = SimulatedClock(jakarta(2026, 11, 9, 9))
    ctx = build_context(Settings.from_env(str(target), environ={}), clock=clock)
    return ctx, clock


def later(clock: SimulatedClock, minutes: int = 30) -> None:
    clock.set(clock.now() + timedelta(minutes=minutes))


def master_key(ctx: JobContext) -> str:
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), KIND_MASTER)
        assert sheet is not None and sheet.key
        return sheet.key


def sheet_key(ctx: JobContext, nip: str) -> str:
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), "pj", nip)
        assert sheet is not None and sheet.key
        return sheet.key


def signed(ctx: JobContext) -> list[str]:
    with ctx.db.session() as session:
        return [r.role for r in active_signoffs(session, ctx.office, str(PERIOD))]


def protections(ctx: JobContext, key: str) -> set[str]:
    return {p.name for p in ctx.backend.list_protections(key)}


def edit_file(ctx: JobContext, key: str, tab: str, cells: dict[str, object]) -> None:
    """Change cells straight in the .xlsx with openpyxl, ignoring sheet protection, as the
    file's owner (or anyone with a tool) can."""
    path = ctx.settings.sheets_dir / key
    workbook = load_workbook(path)
    for a1, value in cells.items():
        workbook[tab][a1].value = value
    workbook.save(path)


def tick(ctx: JobContext, role: Role) -> None:
    """The approver signs: in local mode through their personal link (a tick typed into the
    workbook proves nothing about who typed it)."""
    with ctx.db.session() as session:
        holder = roster_repo.load_roster(session, ctx.office).approver(role)
    assert holder is not None
    outcome = sign_with_link(ctx, PERIOD, role, holder.nip)
    assert outcome.accepted, outcome.message
