"""The sign-off chain at the job level: each sign-off is a link over the cells it vouches for,
the archive carries the final hash, and a sign-off is withdrawn with a reason, unlocking
what it locked at the next pull, only while nobody has signed after it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.archive.manifest import read_manifest
from service.demo.story import RETURNED
from service.domain.chain import (
    GENESIS,
    broken_links,
    canonical_cell,
    canonical_json,
    changed_cells,
    sha256_text,
)
from service.domain.roster import Role
from service.jobs.parts.signoff import chain_links
from service.jobs.reconcile import pull_and_reconcile
from service.jobs.withdraw import SignOffRefused, reopen_month, withdraw_signoff
from service.sheets.layout import master_layout, official_layout
from service.store import month_repo as months
from service.store.models import ArchiveRow, SignOffRow
from service.store.signoff_repo import active_signoffs
from tests.archive.readable import (
    RENDERERS,
    archive_again,
    assert_archive_reads_as_a_report,
    page_texts,
    squeezed,
)
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


def _records(ctx: Any) -> list[SignOffRow]:
    with ctx.db.session() as session:
        return active_signoffs(session, ctx.office, str(PERIOD))


def test_a_number_reads_the_same_from_the_database_excel_and_google() -> None:
    assert canonical_cell(3920) == canonical_cell(3920.0) == canonical_cell("3920") == "3920"
    assert canonical_cell(98.5) == canonical_cell("98.5") == "98.5"
    assert canonical_cell(None) == canonical_cell("  ") == ""
    assert canonical_cell("98,5") == "98,5" and canonical_cell(True) == "TRUE"


def test_each_signoff_links_to_the_one_before_over_what_it_vouched_for(month: Any) -> None:
    ctx, _clock = month
    pp, ks, sk, kd = _records(ctx)
    assert pp.previous_hash == GENESIS
    assert (ks.previous_hash, sk.previous_hash, kd.previous_hash) == (
        pp.chain_hash, ks.chain_hash, sk.chain_hash)
    assert len({pp.chain_hash, ks.chain_hash, sk.chain_hash, kd.chain_hash}) == 4
    assert pp.values_hash == sha256_text(canonical_json(pp.vouched))
    assert broken_links(ctx.office, str(PERIOD), chain_links([pp, ks, sk, kd])) == []
    # PP covers all 13 sheets; each later payload holds the earlier one, unchanged
    assert len(pp.vouched) == 13
    for earlier, later_ in ((ks, sk), (sk, kd)):
        assert changed_cells(earlier.vouched, later_.vouched) == []
    # between PP and KS only the row the Kasubag returned changed (corrected, as the SOP says)
    changed = changed_cells(pp.vouched, ks.vouched)
    returned_sheet = sheet_key(ctx, RETURNED[0])
    assert changed and all(c.key in (returned_sheet, master_key(ctx)) for c in changed)
    table, recap = official_layout().table, master_layout().recap
    official = pp.vouched[sheet_key(ctx, "198306172009011003")]
    assert f"{table.tab}!{table.col('realization')}{table.data_row(0)}" in official
    master = pp.vouched[master_key(ctx)]
    assert not any(ref.startswith(f"{recap.tab}!{recap.col('review')}") for ref in master)
    assert any(ref.startswith(f"{recap.tab}!{recap.col('review')}")
               for ref in ks.vouched[master_key(ctx)])


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_archive_carries_the_final_hash_of_the_chain(month: Any, renderer: str) -> None:
    ctx, clock = month
    directory = archive_again(ctx, clock, renderer)  # KD approves again: a new final hash
    kd = _records(ctx)[-1]
    with ctx.db.session() as session:
        rows = session.scalars(select(ArchiveRow).order_by(ArchiveRow.version)).all()
    assert Path(rows[-1].directory).name == directory.name
    meta = read_manifest(directory)["meta"]
    assert meta["signoff_chain_sha256"] == kd.chain_hash
    assert "rantai pengesahan" in meta["keterangan_hash"]["signoff_chain_sha256"]
    assert [s["chain_sha256"] for s in meta["signers"]][-1] == kd.chain_hash
    text = " ".join(page_texts(directory / "rekap-induk.pdf"))
    assert kd.chain_hash in squeezed(text)
    assert "rantai pengesahan" in text
    assert_archive_reads_as_a_report(directory, kd.chain_hash, meta["approved_values_sha256"],
                                     ctx.settings.letterhead_lines[0])


def test_a_withdrawal_is_refused_while_a_later_signoff_stands(month: Any) -> None:
    ctx, _clock = month
    with pytest.raises(SignOffRefused, match="SK sudah menandatangani sesudahnya"):
        withdraw_signoff(ctx, PERIOD, Role.KS, "salah centang", "Kasubag")
    with pytest.raises(SignOffRefused, match="month reopen"):
        withdraw_signoff(ctx, PERIOD, "KD", "salah centang", "Kepala Dinas")
    with pytest.raises(SignOffRefused, match="alasan wajib"):
        withdraw_signoff(ctx, PERIOD, "SK", "  ", "Sekretaris")
    assert signed(ctx) == ["PP", "KS", "SK", "KD"]


def test_withdrawing_sk_records_the_reason_and_the_next_pull_drops_its_locks(
        month: Any) -> None:
    ctx, clock = month
    reopen_month(ctx, PERIOD, "uji penarikan", "admin")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    assert {"kunci-SK", "kunci-SK-centang"} <= protections(ctx, master_key(ctx))
    later(clock)
    result = withdraw_signoff(ctx, PERIOD, Role.SK, "angka Dinas belum final", "Sekretaris")
    assert result.changed == 1 and signed(ctx) == ["PP", "KS"]
    panel = master_layout().signoff
    (tick_value,) = ctx.backend.read_values(
        master_key(ctx), [(panel.tab, f"F{panel.first_data_row + 2}")])
    assert tick_value in ([], [[False]])
    with ctx.db.session() as session:
        logged = months.audit_log(session, ctx.office, str(PERIOD), "pengesahan_ditarik")
        record = session.scalars(select(SignOffRow).where(SignOffRow.role == "SK")).first()
    assert (logged[-1].actor, logged[-1].target, logged[-1].detail) == (
        "Sekretaris", "SK", "angka Dinas belum final")
    assert record is not None and record.withdrawn_reason == "angka Dinas belum final"
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    names = protections(ctx, master_key(ctx))
    assert not names & {"kunci-SK", "kunci-SK-centang", "kunci-KD", "kunci-KD-centang"}
    assert "kunci-KS" in names  # KS still stands
    assert signed(ctx) == ["PP", "KS"]  # the cleared tick is not read as anything new


def test_withdrawing_pp_reopens_the_officials_rows_at_the_next_pull(month: Any) -> None:
    ctx, clock = month
    key = sheet_key(ctx, "198306172009011003")
    reopen_month(ctx, PERIOD, "uji penarikan PP", "admin", back_to=Role.KS)
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    assert any(n.startswith("kunci-baris-") for n in protections(ctx, key))
    withdraw_signoff(ctx, PERIOD, "pp", "ada pejabat yang salah isi", "Penyusun Program")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    assert signed(ctx) == []
    assert not any(n.startswith(("kunci-baris-", "kunci-kirim", "kunci-arsip"))
                   for n in protections(ctx, key))


def test_a_new_signoff_after_a_withdrawal_links_to_the_one_still_standing(month: Any) -> None:
    ctx, clock = month
    reopen_month(ctx, PERIOD, "uji", "admin")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    withdraw_signoff(ctx, PERIOD, Role.SK, "periksa lagi", "Sekretaris")
    later(clock)
    pull_and_reconcile(ctx, PERIOD)
    later(clock)
    tick(ctx, Role.SK)
    pull_and_reconcile(ctx, PERIOD)
    pp, ks, sk = _records(ctx)
    assert sk.previous_hash == ks.chain_hash
    assert broken_links(ctx.office, str(PERIOD), chain_links([pp, ks, sk])) == []
