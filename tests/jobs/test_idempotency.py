"""Every job is safe to run twice, and to kill half-way and run again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import func, select

from service.clock import SimulatedClock
from service.context import JobContext
from service.demo.desk import LocalDesk
from service.domain.period import Period
from service.jobs.provision import ProvisionError, provision
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.remind import remind
from service.sheets.layout import official_layout
from service.sheets.port import SheetBackendError, SpreadsheetRef, WorkbookSpec
from service.store import month_repo as months
from service.store.models import AuditRow, ReminderRow, SpreadsheetRow
from tests.conftest import jakarta

PERIOD = Period(2026, 10)
Build = Callable[[datetime], tuple[JobContext, SimulatedClock]]


class CrashAfter:
    """Our own backend wrapper: creates `limit` spreadsheets, then fails like a dropped line."""

    def __init__(self, inner, limit: int) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.limit = inner, limit

    def create_spreadsheet(self, folder: str, spec: WorkbookSpec) -> SpreadsheetRef:
        if self.limit == 0:
            raise SheetBackendError("koneksi terputus")
        self.limit -= 1
        return self.inner.create_spreadsheet(folder, spec)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


def _count(ctx: JobContext, model: type) -> int:
    with ctx.db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_provisioning_twice_creates_each_spreadsheet_once(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    assert provision(ctx, PERIOD).changed == 13
    assert provision(ctx, PERIOD).changed == 0
    assert len(ctx.backend.list_spreadsheets(f"{ctx.office}/{PERIOD}")) == 13


def test_a_provisioning_killed_half_way_finishes_on_rerun(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    real = ctx.backend
    ctx.backend = CrashAfter(real, 5)
    with pytest.raises(ProvisionError, match=r"^gagal membuat .+: koneksi terputus$") as cut:
        provision(ctx, PERIOD)
    assert isinstance(cut.value.__cause__, SheetBackendError)
    ctx.backend = real
    provision(ctx, PERIOD)
    assert len(real.list_spreadsheets(f"{ctx.office}/{PERIOD}")) == 13
    with ctx.db.session() as session:
        states = session.scalars(select(SpreadsheetRow.state)).all()
    assert states == ["created"] * 13


def test_a_file_created_before_a_crash_is_adopted_not_duplicated(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    with ctx.db.session() as session:  # as if the claim had been made but never marked
        row = session.scalars(select(SpreadsheetRow).where(SpreadsheetRow.kind == "rekap")).one()
        row.state, row.key = "claimed", None
    provision(ctx, PERIOD)
    assert len(ctx.backend.list_spreadsheets(f"{ctx.office}/{PERIOD}")) == 13
    with ctx.db.session() as session:
        adopted = session.scalars(select(AuditRow).where(AuditRow.action == "lembar_ditemukan"))
        assert len(adopted.all()) == 1


def test_a_pull_of_unchanged_sheets_reads_and_writes_nothing(context_at: Build) -> None:
    ctx, clock = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    pull_and_reconcile(ctx, PERIOD)
    clock.set(jakarta(2026, 10, 27))
    reads, writes = ctx.backend.read_count, ctx.backend.write_count
    result = pull_and_reconcile(ctx, PERIOD)
    assert (ctx.backend.read_count, ctx.backend.write_count) == (reads, writes)
    assert result.changed == 0


def test_one_changed_sheet_is_the_only_one_read(context_at: Build) -> None:
    ctx, clock = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    pull_and_reconcile(ctx, PERIOD)
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), "pj", "198004042005012009")
    LocalDesk(ctx.settings.sheets_dir).type_values(  # IDP-01 requires an evidence link
        "sri", sheet.key, "Realisasi", {"F11": "7.650", "H11": "https://drive.google.com/x"})
    reads, writes = ctx.backend.read_count, ctx.backend.write_count
    pull_and_reconcile(ctx, PERIOD)
    assert ctx.backend.read_count - reads == 1
    assert ctx.backend.write_count - writes == 2  # the official's sheet and the master
    with ctx.db.session() as session:
        entry = months.recap_entries(session, ctx.office, str(PERIOD), "198004042005012009")[0]
    assert entry.realization == "7650" and entry.status == "terisi"


def test_nothing_typed_by_a_person_is_overwritten(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    with ctx.db.session() as session:
        sheet = months.spreadsheet(session, ctx.office, str(PERIOD), "pj", "198004042005012009")
    typed = {"F11": "kira-kira 7000", "H11": "=HYPERLINK(\"x\")", "I11": "Server down",
             "J11": "Lapor pusat"}
    LocalDesk(ctx.settings.sheets_dir).type_values("sri", sheet.key, "Realisasi", typed)
    pull_and_reconcile(ctx, PERIOD)
    (grid,) = ctx.backend.read_values(sheet.key, [("Realisasi", "F11:J11")])
    assert grid[0][0] == "kira-kira 7000"
    assert grid[0][2:] == ["=HYPERLINK(\"x\")", "Server down", "Lapor pusat"]
    notes = ctx.backend.read_notes(sheet.key, "Realisasi")
    assert notes["F11"].startswith('Nilai "kira-kira 7000" tidak terbaca sebagai angka.')


def test_reminders_are_not_sent_twice_on_a_rerun(context_at: Build) -> None:
    ctx, clock = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    clock.set(jakarta(2026, 11, 3, 8))
    assert remind(ctx, PERIOD).changed == 12  # one overdue notice each, 1 working day late
    assert remind(ctx, PERIOD).changed == 0
    clock.set(jakarta(2026, 11, 4, 8))
    assert remind(ctx, PERIOD).changed == 13  # and, 2 days late, one escalation to PP + KS
    assert remind(ctx, PERIOD).changed == 0
    assert _count(ctx, ReminderRow) == 25
    assert len(list(ctx.settings.outbox_dir.glob("*.eml"))) == 25


def test_no_reminder_goes_out_on_a_day_off(context_at: Build) -> None:
    ctx, clock = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    clock.set(jakarta(2026, 11, 7, 8))  # a Saturday
    result = remind(ctx, PERIOD)
    assert result.changed == 0 and "Sabtu" in result.lines[0]


def test_official_layout_rows_match_the_recap_entries(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    with ctx.db.session() as session:
        entries = months.recap_entries(session, ctx.office, str(PERIOD), "198512012010011007")
    assert [official_layout().table.data_row(e.ordinal) for e in entries] == [11, 12, 13, 14]


def test_the_first_pull_after_provisioning_writes_only_the_master(context_at: Build) -> None:
    ctx, _ = context_at(jakarta(2026, 10, 26))
    provision(ctx, PERIOD)
    writes = ctx.backend.write_count
    pull_and_reconcile(ctx, PERIOD)
    assert ctx.backend.write_count - writes == 1  # the status line and report tabs
