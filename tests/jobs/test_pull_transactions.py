"""A pull holds no database transaction while it talks to the sheets, claims its e-mails
with the decision, and runs once per month at a time (issue 12)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from service.clock import SimulatedClock
from service.domain.period import Period
from service.jobs.parts import pull_claim
from service.jobs.parts.cycle_reads import submission_time
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import master_layout, official_layout
from service.store import month_repo as months
from service.store.models import MonthRow, ReminderRow, SnapshotRow
from tests.conftest import jakarta
from tests.jobs.messy_world import TAB, World, local_world

OCT = Period(2026, 10)
IDP = "198004042005012009"
KS = "198108142006042012"  # the sample office's Kasubag
TABLE = official_layout().table


def cell(field: str, ordinal: int) -> str:
    return f"{TABLE.col(field)}{TABLE.data_row(ordinal)}"


@pytest.fixture
def world(tmp_path: Path) -> World:
    world = local_world(tmp_path, SimulatedClock(jakarta(2026, 10, 26)))
    world.provision(OCT)
    return world


def _database_file(world: World) -> str:
    url = world.ctx.db.url
    assert url.startswith("sqlite:///")
    return url.removeprefix("sqlite:///")


class WritesWhileCalled:
    """Our own backend wrapper: at every sheet call, someone else (a web sign-off, a CLI
    command) writes to the database and must not wait for the pull."""

    CALLS = ("list_spreadsheets", "read_values", "apply", "evidence_access",
             "list_protections")

    def __init__(self, inner: Any, database: str) -> None:
        self.inner, self.database, self.blocked, self.calls = inner, database, [], 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        if name not in self.CALLS:
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            connection = sqlite3.connect(self.database, timeout=0)  # no waiting at all
            try:
                connection.execute("BEGIN IMMEDIATE")  # what any write needs first
                connection.execute("ROLLBACK")
            except sqlite3.OperationalError as error:
                self.blocked.append(f"{name}: {error}")
            finally:
                connection.close()
            return attribute(*args, **kwargs)

        return call


def test_no_write_waits_for_a_pulls_sheet_calls(world: World) -> None:
    key = world.sheet_key(OCT, IDP)
    world.type_values(IDP, key, TAB, {cell("realization", 0): "7900",
                                      cell("evidence", 0): "https://drive.google.com/a",
                                      official_layout().submit_cell: True})
    spy = WritesWhileCalled(world.ctx.backend, _database_file(world))
    world.ctx.backend = spy
    result = pull_and_reconcile(world.ctx, OCT)
    assert result.changed >= 1 and not result.errors
    assert spy.calls >= 3  # listed, read and written
    assert spy.blocked == []


def test_a_returned_rows_email_is_recorded_with_the_return(world: World) -> None:
    """Killed right after the decision (before any sheet is written or mail sent): the
    return and the message it owes are both in the database, and the rerun sends it once."""
    recap = master_layout().recap
    pull_and_reconcile(world.ctx, OCT)
    with world.ctx.db.session() as session:
        row = next(e for e in months.recap_entries(session, world.ctx.office, str(OCT), IDP)
                   if e.code == "IDP-01").master_row
    world.type_values(KS, world.sheet_key(OCT), recap.tab, {
        f"{recap.col('review')}{row}": "Tidak Sesuai",
        f"{chr(ord(recap.col('review')) + 1)}{row}": "Angka belum sesuai laporan"})

    class Killed(BaseException):
        pass

    class DiesOnWrite:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def apply(self, *args: Any) -> None:
            raise Killed

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

    real = world.ctx.backend
    world.ctx.backend = DiesOnWrite(real)
    with pytest.raises(Killed):
        pull_and_reconcile(world.ctx, OCT)
    with world.ctx.db.session() as session:
        entry = next(e for e in months.recap_entries(session, world.ctx.office, str(OCT), IDP)
                     if e.code == "IDP-01")
        owed = list(session.scalars(select(ReminderRow).where(
            ReminderRow.kind.startswith("kembali-"))))
    assert entry.review == "Tidak Sesuai"
    assert [(r.nip, r.state) for r in owed] == [(IDP, "pending")]
    world.ctx.backend = real
    pull_and_reconcile(world.ctx, OCT)
    pull_and_reconcile(world.ctx, OCT)
    with world.ctx.db.session() as session:
        states = list(session.scalars(select(ReminderRow.state).where(
            ReminderRow.kind.startswith("kembali-"))))
    assert states == ["sent"]


def test_a_second_pull_of_the_month_waits_its_turn(world: World) -> None:
    """The scheduler's pull and an operator's at once: the second does nothing, so no edit
    is recorded twice."""
    key = world.sheet_key(OCT, IDP)
    world.type_values(IDP, key, TAB, {cell("realization", 0): "7900",
                                      cell("realization", 1): "1800"})
    inner: list[Any] = []

    class PullsAgainWhileReading:
        def __init__(self, backend: Any) -> None:
            self.backend = backend

        def read_values(self, *args: Any) -> Any:
            if not inner:
                world.ctx.backend = self.backend
                inner.append(pull_and_reconcile(world.ctx, OCT))
                world.ctx.backend = self
            return self.backend.read_values(*args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.backend, name)

    world.ctx.backend = PullsAgainWhileReading(world.ctx.backend)
    pull_and_reconcile(world.ctx, OCT)
    (second,) = inner
    assert second.changed == 0 and not second.errors
    assert "sedang dijalankan" in second.lines[0]
    with world.ctx.db.session() as session:
        snapshots = session.scalar(select(func.count()).select_from(SnapshotRow).where(
            SnapshotRow.new.is_not(None)))
        month = session.get(MonthRow, (world.ctx.office, str(OCT)))
        assert month is not None and month.pull_holder is None  # released
    assert snapshots == 2


def test_a_claim_left_by_a_killed_pull_is_taken_over(world: World) -> None:
    with world.ctx.db.session() as session:
        month = session.get(MonthRow, (world.ctx.office, str(OCT)))
        assert month is not None
        month.pull_holder = f"{pull_claim.socket.gethostname()}:999999999:dead"
        month.pull_since = world.clock.now()
    result = pull_and_reconcile(world.ctx, OCT)
    assert "sedang dijalankan" not in " ".join(result.lines)


def test_a_claim_of_a_running_pull_elsewhere_is_respected_until_it_is_stale(
        world: World) -> None:
    with world.ctx.db.session() as session:
        month = session.get(MonthRow, (world.ctx.office, str(OCT)))
        assert month is not None
        month.pull_holder, month.pull_since = "server-lain:4242:x", world.clock.now()
    assert "proses 4242 di server-lain" in pull_and_reconcile(world.ctx, OCT).lines[0]
    world.clock.set(world.clock.now() + pull_claim.HOLD + timedelta(seconds=1))
    assert "sedang dijalankan" not in " ".join(pull_and_reconcile(world.ctx, OCT).lines)


def test_a_tick_before_the_deadline_seen_after_it_counts_on_time(world: World) -> None:
    """Ticked 23:55 on the deadline day, read at the next pull at 00:05: on time."""
    due = world.ctx.deadlines(OCT).submission_due_at
    pull_and_reconcile(world.ctx, OCT)
    world.clock.set(due - timedelta(minutes=5))
    key = world.sheet_key(OCT, IDP)
    world.type_values(IDP, key, TAB, {cell("realization", 0): "7900",
                                      official_layout().submit_cell: True})
    stamp = int((due - timedelta(minutes=5)).timestamp() * 1e9)  # the workstation's save
    import os
    os.utime(world.ctx.settings.sheets_dir / key, ns=(stamp, stamp))
    world.clock.set(due + timedelta(minutes=5))
    pull_and_reconcile(world.ctx, OCT)
    with world.ctx.db.session() as session:
        record = months.submission(session, world.ctx.office, str(OCT), IDP)
    assert record.submitted_at == due - timedelta(minutes=5)


def test_the_submission_time_stays_between_the_two_reads() -> None:
    before, seen = jakarta(2026, 11, 2, 9), jakarta(2026, 11, 2, 10)
    assert submission_time(jakarta(2026, 11, 2, 9, 15), before, seen) == jakarta(2026, 11, 2,
                                                                                 9, 15)
    assert submission_time(jakarta(2026, 11, 1), before, seen) == before  # a clock behind
    assert submission_time(jakarta(2026, 11, 3), before, seen) == seen  # a clock ahead
    assert submission_time(None, before, seen) == seen
