"""The whole demo month on the Google backend: gspread over HTTP against the API fake."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from service.archive.manifest import read_manifest, verify_manifest
from service.bootstrap import build_context
from service.config import Settings
from service.store import month_repo as months
from service.store.models import ArchiveRow, SignOffRow
from tests.fakes.google_api import demo

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier


def test_a_month_runs_end_to_end_on_google_through_the_fake(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "ws"
    assert demo.main([str(workspace), "--period", "2026-10"]) == 0  # scripts/demo.sh --google-fake
    out = capsys.readouterr().out
    assert "backend: google" in out
    # Google's per-minute quotas are enforced and Drive's modifiedTime lags 3 minutes: the
    # pacing keeps every minute under the quota, and the month still ends archived
    assert " 0 ditolak (429" in out
    assert "semua hash cocok" in out
    ctx = build_context(Settings.from_env(str(workspace), environ={}))
    with ctx.db.session() as session:
        signed = [s.role for s in session.scalars(select(SignOffRow)).all()]
        (archive,) = session.scalars(select(ArchiveRow)).all()
        refused = months.audit_log(session, ctx.office, "2026-10", "centang_ditolak")
        returned = months.audit_log(session, ctx.office, "2026-10", "dikembalikan")
        submitted = months.submissions(session, ctx.office, "2026-10")
        signers = months.audit_log(session, ctx.office, "2026-10", "pengesahan")
    assert signed == ["PP", "KS", "SK", "KD"]
    assert [r.target for r in refused] == ["SK"]
    assert [r.target for r in returned] == ["198512012010011007/KLH-01"]
    assert sum(1 for s in submitted.values() if s.submitted_at) == 12
    # the evidence is the protected tick cell, not Drive's lagging "last modified by"
    assert {s.detail for s in signers} == {"centang di sel yang dilindungi untuknya"}
    assert len({s.actor for s in signers}) == 4
    directory = Path(archive.directory)
    assert verify_manifest(directory) == []
    assert len(read_manifest(directory)["files"]) == 13
    assert (directory / "rekap-induk.pdf").read_bytes().startswith(b"%PDF")
