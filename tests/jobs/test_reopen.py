"""Reopening an approved month: only after KD, with a reason in the audit log; the archive
locks come off, the earlier archive stays as it is, and approving again archives a new
version beside it, both verifying."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.archive.manifest import read_manifest, sha256_file, verify_manifest
from service.domain.roster import Role
from service.jobs.archive import archive
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.tamper import check_tamper
from service.jobs.withdraw import SignOffRefused, reopen_month
from service.store import month_repo as months
from service.store.models import ArchiveRow
from service.store.signoff_repo import active_signoffs
from tests.jobs.approved_month import (
    PERIOD,
    later,
    master_key,
    protections,
    sheet_key,
    signed,
    tick,
)

pytestmark = pytest.mark.month  # a whole demo month: not in the fast tier


def _period_dir(ctx: Any) -> Path:
    return ctx.settings.archive_dir / ctx.office / str(PERIOD)


def _files(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): sha256_file(p)
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_reopen_withdraws_kd_with_the_reason_and_lifts_the_archive_locks(month: Any) -> None:
    ctx, clock = month
    official = sheet_key(ctx, "198306172009011003")
    assert any(n.startswith("kunci-arsip-") for n in protections(ctx, official))
    result = reopen_month(ctx, PERIOD, "koreksi angka BPS", "admin")
    assert signed(ctx) == ["PP", "KS", "SK"]
    with ctx.db.session() as session:
        month_row = months.get_month(session, ctx.office, str(PERIOD))
        (logged,) = months.audit_log(session, ctx.office, str(PERIOD), "bulan_dibuka_kembali")
        (withdrawn,) = months.audit_log(session, ctx.office, str(PERIOD), "pengesahan_ditarik")
    assert month_row is not None and month_row.status == "disiapkan"
    assert month_row.closed_at is None
    assert logged.actor == "admin" and logged.detail.startswith("koreksi angka BPS")
    assert (withdrawn.target, withdrawn.detail) == ("KD", "koreksi angka BPS")
    for key in (official, master_key(ctx)):
        assert not any(n.startswith("kunci-arsip") for n in protections(ctx, key))
    assert any("dibuka kembali" in line for line in result.lines)
    later(clock)
    pull_and_reconcile(ctx, PERIOD)  # the month works again: KD's own locks come off
    names = protections(ctx, master_key(ctx))
    assert "kunci-SK" in names and not names & {"kunci-KD", "kunci-KD-centang"}


def test_reopen_is_refused_before_the_heads_approval(month: Any) -> None:
    ctx, _clock = month
    reopen_month(ctx, PERIOD, "pertama", "admin")
    with pytest.raises(SignOffRefused, match="belum disahkan Kepala Dinas"):
        reopen_month(ctx, PERIOD, "kedua", "admin")
    with pytest.raises(SignOffRefused, match="alasan wajib"):
        reopen_month(ctx, PERIOD, "", "admin")


def test_reapproval_archives_v2_beside_v1_and_both_verify(month: Any) -> None:
    ctx, clock = month
    v1 = _period_dir(ctx) / "v1"
    v1_files = _files(v1)
    v1_chain = read_manifest(v1)["meta"]["signoff_chain_sha256"]
    reopen_month(ctx, PERIOD, "koreksi angka BPS", "admin")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    waiting = archive(ctx, PERIOD)  # reopened, not approved again: nothing new
    assert waiting.changed == 0 and "menunggu pengesahan ulang" in waiting.lines[0]
    later(clock)
    tick(ctx, Role.KD)
    pull_and_reconcile(ctx, PERIOD)
    assert signed(ctx) == ["PP", "KS", "SK", "KD"]
    with ctx.db.session() as session:
        assert months.get_month(session, ctx.office, str(PERIOD)).status == "disahkan"
        sk, kd = active_signoffs(session, ctx.office, str(PERIOD))[2:]
    assert kd.previous_hash == sk.chain_hash and kd.chain_hash != v1_chain
    later(clock, 10)
    result = archive(ctx, PERIOD)
    assert result.changed == 13
    v2 = _period_dir(ctx) / "v2"
    assert verify_manifest(v1) == [] and verify_manifest(v2) == []
    assert _files(v1) == v1_files  # the earlier archive was not rewritten
    meta = read_manifest(v2)["meta"]
    assert meta["version"] == 2 and meta["signoff_chain_sha256"] == kd.chain_hash
    assert check_tamper(ctx, PERIOD).findings == []
    later(clock)
    assert archive(ctx, PERIOD).changed == 0  # approved once, archived once
    with ctx.db.session() as session:
        versions = sorted(a.version for a in session.scalars(select(ArchiveRow)))
    assert versions == [1, 2]
    assert sorted(p.name for p in _period_dir(ctx).iterdir()) == ["v1", "v2"]
