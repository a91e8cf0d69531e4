"""The tamper check: an edit made after a lock, through the protection (as a file's owner
can), is reported with the sheet, cell, old and new value; nothing else is, and nothing a
person typed is changed by the check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from service.bootstrap import build_context
from service.clock import SimulatedClock
from service.config import Settings
from service.demo.run import run_demo
from service.demo.story import MALFORMED_NIP, RETURNED
from service.domain.roster import Role
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.tamper import ACTION, check_tamper
from service.jobs.withdraw import reopen_month
from service.sheets.layout import master_layout, official_layout
from service.sheets.specs import official_title
from service.store import month_repo as months
from service.store import roster_repo
from service.store.models import SignOffRow
from tests.conftest import jakarta
from tests.fakes.google_api.world import DemoGoogleWorld
from tests.jobs.approved_month import (
    PERIOD,
    copy_of_month,
    edit_file,
    later,
    master_key,
    sheet_key,
    signed,
)

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier

TABLE = official_layout().table
RECAP = master_layout().recap




def _realization_cell(ordinal: int = 0) -> str:
    return f"{TABLE.col('realization')}{TABLE.data_row(ordinal)}"


def test_nothing_is_reported_when_nothing_changed(month: Any) -> None:
    ctx, _clock = month
    result = check_tamper(ctx, PERIOD)
    assert result.findings == [] and result.errors == [] and result.changed == 0
    assert result.signoff == "KD"
    assert "0 berubah sesudah dikunci" in result.lines[-1]


def test_an_owners_edit_of_a_locked_cell_is_reported_with_the_cell_and_both_values(
        month: Any) -> None:
    ctx, _clock = month
    key, cell = sheet_key(ctx, MALFORMED_NIP), _realization_cell()
    before = load_workbook(ctx.settings.sheets_dir / key)[TABLE.tab][cell].value
    edit_file(ctx, key, TABLE.tab, {cell: 777})
    result = check_tamper(ctx, PERIOD)
    (finding,) = result.findings
    assert finding.change.cell == f"{TABLE.tab}!{cell}"
    assert (finding.change.old, finding.change.new) == (str(int(before)), "777")
    assert finding.modified is not None  # the local file knows when, not who
    with ctx.db.session() as session:
        official = roster_repo.load_roster(session, ctx.office).by_nip(MALFORMED_NIP)
    assert finding.title == official_title(PERIOD, official)  # the edited official's sheet
    assert str(finding).startswith(
        f'{finding.title} {TABLE.tab}!{cell}: "{int(before)}" menjadi "777"; '
        "berkas terakhir berubah ")
    assert result.errors and "1 sel berubah sesudah dikunci" in result.errors[-1]
    with ctx.db.session() as session:
        (logged,) = months.audit_log(session, ctx.office, str(PERIOD), ACTION)
    assert logged.target.endswith(f"{TABLE.tab}!{cell}")
    assert logged.detail == f'"{int(before)}" -> "777"'
    # the check reports, it does not "fix" what was typed
    assert load_workbook(ctx.settings.sheets_dir / key)[TABLE.tab][cell].value == 777


def test_a_rerun_reports_again_but_logs_the_finding_once(month: Any) -> None:
    ctx, clock = month
    edit_file(ctx, sheet_key(ctx, MALFORMED_NIP), TABLE.tab, {_realization_cell(): 1})
    assert check_tamper(ctx, PERIOD).changed == 1
    later(clock)
    again = check_tamper(ctx, PERIOD)
    assert len(again.findings) == 1 and again.changed == 0
    with ctx.db.session() as session:
        assert len(months.audit_log(session, ctx.office, str(PERIOD), ACTION)) == 1


def test_an_edit_of_the_master_recap_is_reported(month: Any) -> None:
    ctx, _clock = month
    with ctx.db.session() as session:
        entry = months.recap_entries(session, ctx.office, str(PERIOD))[3]
    cell = f"{RECAP.col('achievement')}{entry.master_row}"
    edit_file(ctx, master_key(ctx), RECAP.tab, {cell: 150})
    (finding,) = check_tamper(ctx, PERIOD).findings
    assert finding.change.cell == f"{RECAP.tab}!{cell}" and finding.change.new == "150"


def test_after_pp_signs_an_edit_of_a_locked_row_is_reported_but_not_the_returned_row(
        month: Any) -> None:
    """Back to PP only: the row the Kasubag returned after PP signed was corrected through
    the SOP (it was open), so it is not an edit after a lock; another row is."""
    ctx, clock = month
    reopen_month(ctx, PERIOD, "uji: kembali ke rekap PP", "admin", back_to=Role.KS)
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    assert signed(ctx) == ["PP"]
    quiet = check_tamper(ctx, PERIOD)
    assert quiet.signoff == "PP" and quiet.findings == []
    assert any("dikembalikan" in line for line in quiet.lines)
    key, cell = sheet_key(ctx, MALFORMED_NIP), f"{TABLE.col('obstacles')}{TABLE.data_row(1)}"
    edit_file(ctx, key, TABLE.tab, {cell: "diubah pemilik berkas"})
    (finding,) = check_tamper(ctx, PERIOD).findings
    assert finding.change.cell == f"{TABLE.tab}!{cell}"
    assert finding.change.new == "diubah pemilik berkas"
    assert RETURNED[0] not in finding.title


def test_an_edit_of_the_stored_chain_is_reported(month: Any) -> None:
    ctx, _clock = month
    with ctx.db.session() as session:
        record = session.scalars(select(SignOffRow).where(SignOffRow.role == "KS")).one()
        vouched = {k: dict(v) for k, v in record.vouched.items()}
        key = next(iter(vouched))
        first = next(iter(vouched[key]))
        vouched[key][first] = "dipalsukan"
        record.vouched = vouched
    result = check_tamper(ctx, PERIOD)
    assert any("rantai hash" in e and "KS" in e for e in result.errors)


def test_the_owners_edit_on_google_is_reported_with_who(
        tmp_path: Path) -> None:
    """On the Google fake the service account owns the files: protection does not stop it,
    the check does, and Drive says who modified the file last."""
    world = DemoGoogleWorld()
    workspace = tmp_path / "ws"
    assert run_demo(workspace, PERIOD, world=world) == 0
    assert world.made is not None
    fake = world.made.fake
    clock = SimulatedClock(jakarta(2026, 11, 9, 9))
    fake.set_clock(clock.now)
    ctx = build_context(Settings.from_env(str(workspace), environ={}), clock=clock,
                        backend=world.made.backend)
    assert check_tamper(ctx, PERIOD).findings == []
    key, cell = sheet_key(ctx, MALFORMED_NIP), _realization_cell()
    status = fake.user_edit("kinerja-service", key, f"'{TABLE.tab}'!{cell}", [[4321]])
    assert status == 200
    (finding,) = check_tamper(ctx, PERIOD).findings
    assert finding.change.cell == f"{TABLE.tab}!{cell}" and finding.change.new == "4321"
    assert finding.modified_by == fake.service_account


def test_the_scheduler_runs_the_tamper_check_daily(tmp_path_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from service.scheduler.ticks import run_tick

    ctx, clock = copy_of_month(tmp_path_factory, tmp_path / "ws")
    report = run_tick("tamper", ctx.settings, clock=clock)
    assert report.failures == []
    assert [(a.job, str(a.period)) for a in report.actions] == [("tamper-check", "2026-10")]
    assert report.results[0].findings == []
