"""The archive job after a crash and in an untidy world: a run killed after the manifest is
adopted on rerun (not archived twice), the archive lock covers every row of every tab on
both backends, stray directories beside the versions are ignored, and a signer who has left
the roster does not stop the archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

import service.jobs.archive as archive_job
from service.archive.manifest import read_manifest, sha256_file, verify_manifest
from service.domain.roster import Role
from service.jobs.archive import ARCHIVE_LOCK, archive
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.withdraw import reopen_month
from service.sheets.google import batch as gr
from service.sheets.port import Protection, TabSpec, WorkbookSpec, WriteBatch
from service.store import month_repo as months
from service.store.models import ArchiveRow, MonthRow, OfficialRow
from tests.contract.test_sheet_backend_contract import FACTORIES, PERSON, Harness
from tests.jobs.approved_month import PERIOD, later, master_key, sheet_key, signed, tick

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier

OFFICIAL = "198306172009011003"


class Killed(BaseException):  # noqa: N818  (a process killed: no `except Exception` runs)
    """The process dies here."""


def _period_dir(ctx: Any) -> Path:
    return ctx.settings.archive_dir / ctx.office / str(PERIOD)


def _files(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): sha256_file(p)
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _archived_versions(ctx: Any) -> list[int]:
    with ctx.db.session() as session:
        return sorted(a.version for a in session.scalars(select(ArchiveRow)))


def _reapprove(ctx: Any, clock: Any) -> None:
    """Reopen the archived month and have the Head approve it again."""
    reopen_month(ctx, PERIOD, "koreksi angka BPS", "admin")
    later(clock)
    tick(ctx, Role.KD)
    pull_and_reconcile(ctx, PERIOD)
    assert signed(ctx) == ["PP", "KS", "SK", "KD"]
    later(clock, 10)


def _kill_after_the_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    real = archive_job.write_manifest

    def write_then_die(*args: Any, **kwargs: Any) -> Path:
        real(*args, **kwargs)
        raise Killed("mati sesudah manifest ditulis, sebelum tercatat")

    monkeypatch.setattr(archive_job, "write_manifest", write_then_die)


def test_a_run_killed_after_the_manifest_is_adopted_on_rerun(
        month: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, clock = month
    _reapprove(ctx, clock)
    with monkeypatch.context() as patch:
        _kill_after_the_manifest(patch)
        with pytest.raises(Killed):
            archive(ctx, PERIOD)
    v2 = _period_dir(ctx) / "v2"
    v2_files = _files(v2)
    assert "manifest.json" in v2_files and _archived_versions(ctx) == [1]
    later(clock)
    result = archive(ctx, PERIOD)
    assert result.changed == 1 and "tanpa menulis berkas baru" in result.lines[0]
    assert sorted(p.name for p in _period_dir(ctx).iterdir()) == ["v1", "v2"]
    assert _files(v2) == v2_files and verify_manifest(v2) == []
    with ctx.db.session() as session:
        row = session.scalars(select(ArchiveRow).where(ArchiveRow.version == 2)).one()
        assert row.directory == str(v2)
        assert row.manifest_sha256 == sha256_file(v2 / "manifest.json")
        assert months.get_month(session, ctx.office, str(PERIOD)).status == "diarsip"
        logged = months.audit_log(session, ctx.office, str(PERIOD), "diarsip")
    assert logged[-1].target == str(v2) and "manifest yang sudah ada" in logged[-1].detail
    later(clock)
    assert archive(ctx, PERIOD).changed == 0  # and now it is simply archived
    assert _archived_versions(ctx) == [1, 2]


def test_an_unrecorded_manifest_of_an_earlier_approval_is_not_adopted(month: Any) -> None:
    ctx, clock = month
    v1_files = _files(_period_dir(ctx) / "v1")
    _reapprove(ctx, clock)
    with ctx.db.session() as session:  # v1 is complete but no longer recorded
        session.execute(delete(ArchiveRow))
    result = archive(ctx, PERIOD)
    assert result.changed == 13  # the new approval is archived for real, beside v1
    assert _files(_period_dir(ctx) / "v1") == v1_files
    assert read_manifest(_period_dir(ctx) / "v2")["meta"]["version"] == 2
    assert _archived_versions(ctx) == [2]


def test_the_recorded_archive_lost_from_the_database_is_adopted_as_it_is(month: Any) -> None:
    ctx, clock = month
    v1 = _period_dir(ctx) / "v1"
    v1_files = _files(v1)
    with ctx.db.session() as session:
        session.execute(delete(ArchiveRow))
        session.get(MonthRow, (ctx.office, str(PERIOD))).status = "disahkan"
    later(clock)
    assert archive(ctx, PERIOD).changed == 1
    assert _files(v1) == v1_files and _archived_versions(ctx) == [1]
    assert sorted(p.name for p in _period_dir(ctx).iterdir()) == ["v1"]


def test_an_adopted_manifest_whose_files_changed_is_refused(month: Any) -> None:
    ctx, _clock = month
    v1 = _period_dir(ctx) / "v1"
    with ctx.db.session() as session:
        session.execute(delete(ArchiveRow))
    (v1 / "rekap-induk.pdf").write_bytes(b"%PDF-1.4 diganti")
    with pytest.raises(archive_job.ArchiveError, match="tidak cocok"):
        archive(ctx, PERIOD)
    assert _archived_versions(ctx) == []


def test_stray_directories_beside_the_versions_are_ignored(month: Any) -> None:
    ctx, clock = month
    for stray in ("vtmp", "v01", "v2-lama"):
        (_period_dir(ctx) / stray).mkdir()
    _reapprove(ctx, clock)
    assert archive(ctx, PERIOD).changed == 13
    assert verify_manifest(_period_dir(ctx) / "v2") == []
    assert not [p for s in ("vtmp", "v01", "v2-lama") for p in (_period_dir(ctx) / s).iterdir()]


def test_a_signer_who_left_the_roster_is_named_by_nip(month: Any) -> None:
    ctx, clock = month
    _reapprove(ctx, clock)
    with ctx.db.session() as session:
        pp = next(s for s in read_manifest(_period_dir(ctx) / "v1")["meta"]["signers"]
                  if s["role"] == "PP")
        session.execute(delete(OfficialRow).where(OfficialRow.nip == pp["nip"]))
    assert archive(ctx, PERIOD).changed == 13
    signers = {s["role"]: s for s in read_manifest(_period_dir(ctx) / "v2")["meta"]["signers"]}
    assert signers["PP"]["name"] == pp["nip"] == signers["PP"]["nip"]
    assert signers["KD"]["name"]  # the others keep their names


def test_the_archive_lock_is_every_tab_whole(month: Any) -> None:
    ctx, _clock = month
    for key in (master_key(ctx), sheet_key(ctx, OFFICIAL)):
        tabs = set(ctx.backend.tab_titles(key))
        locks = {p.tab: p.a1_range for p in ctx.backend.list_protections(key)
                 if p.name.startswith(f"{ARCHIVE_LOCK}-")}
        assert locks == dict.fromkeys(tabs, "")
    reports = {p.name: p.a1_range for p in ctx.backend.list_protections(master_key(ctx))
               if p.name in ("ringkasan", "sla", "tahun-berjalan")}
    assert reports == dict.fromkeys(("ringkasan", "sla", "tahun-berjalan"), "")


@pytest.fixture(params=sorted(FACTORIES))
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Harness:
    return FACTORIES[request.param](tmp_path)


def test_a_whole_tab_lock_covers_rows_past_500_on_both_backends(harness: Harness) -> None:
    rows: list[list[object]] = [["Kode", "Realisasi"]] + [[f"A-{i}", None] for i in range(700)]
    spec = WorkbookSpec(title="Kantor Besar", tabs=[TabSpec("Rekap", rows), TabSpec("Lain", [])],
                        protections=[Protection("kepala", "Rekap", "A1:B1")],
                        share_with=(PERSON,))
    key = harness.backend.create_spreadsheet(harness.folder, spec).key
    harness.person_edit(key, "Rekap", "B650", 1)  # open before the lock
    batch = WriteBatch()
    batch.protect += [Protection("semua-rekap", "Rekap", "", description="Diarsip"),
                      Protection("semua-lain", "Lain", "")]
    harness.backend.apply(key, batch)
    found = {p.name: p for p in harness.backend.list_protections(key)}
    assert (found["semua-rekap"].tab, found["semua-rekap"].a1_range) == ("Rekap", "")
    assert (found["semua-lain"].tab, found["semua-lain"].a1_range) == ("Lain", "")
    for a1 in ("B2", "B650", "A701"):
        with pytest.raises(PermissionError):
            harness.person_edit(key, "Rekap", a1, 2)
    with pytest.raises(PermissionError):
        harness.person_edit(key, "Lain", "C3", "x")
    unlock = WriteBatch()
    unlock.unprotect += ["semua-rekap"]
    harness.backend.apply(key, unlock)
    harness.person_edit(key, "Rekap", "B650", 3)  # lifted by name, as reopening does


def test_a_whole_first_tab_read_back_from_google_without_a_range_is_still_ours() -> None:
    """Google leaves out a sheetId of 0 and a whole sheet has no indexes: nothing may be left."""
    for raw in ({"description": "[kinerja:kunci-arsip-Rekap] Diarsip"},
                {"description": "[kinerja:kunci-arsip-Rekap] Diarsip", "range": {}}):
        found = gr.parse_protection(raw, {0: "Rekap", 7: "Lain"}, "svc@x.iam.gserviceaccount.com")
        assert found == Protection("kunci-arsip-Rekap", "Rekap", "", description="Diarsip")
    assert gr.grid_range(7, "") == {"sheetId": 7}  # and a whole tab is sent as the whole sheet
