"""The rules that need more than one cell, end to end on both backends: last month's value,
the year's earlier months, the evidence cell, and the Kasubag's "Sesuai" as confirmation.

Values are typed without thousands dots: the Google sheet (en_US) would read "7.300" as 7,3
(see test_messy_inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.clock import SimulatedClock
from service.domain.period import Period
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import master_layout, official_layout
from service.store import month_repo as months
from service.store.models import RecapEntry
from tests.conftest import jakarta
from tests.jobs.messy_world import TAB, WORLDS, World

SEP, OCT = Period(2026, 9), Period(2026, 10)
IDP = "198004042005012009"  # IDP-01 cumulative + evidence, IDP-02 cumulative, IDP-03 % monthly
TABLE = official_layout().table
CONFIRM = "bila benar, Kasubag menandai baris ini Sesuai."


def cell(field: str, ordinal: int) -> str:
    return f"{TABLE.col(field)}{TABLE.data_row(ordinal)}"


def entry(world: World, period: Period, code: str) -> RecapEntry:
    with world.ctx.db.session() as session:
        return next(e for e in months.recap_entries(session, world.ctx.office, str(period), IDP)
                    if e.code == code)


@pytest.fixture(params=sorted(WORLDS))
def world(request: pytest.FixtureRequest, tmp_path: Path) -> World:
    return WORLDS[request.param](tmp_path, SimulatedClock(jakarta(2026, 9, 24)))


def test_last_month_and_the_years_earlier_months_reach_the_rules(world: World) -> None:
    world.provision(SEP)
    world.type_values(IDP, world.sheet_key(SEP, IDP), TAB, {  # September; IDP-03 left blank
        cell("realization", 0): "7300", cell("evidence", 0): "https://drive.google.com/a",
        cell("realization", 1): "1900"})
    pull_and_reconcile(world.ctx, SEP)
    world.clock.set(jakarta(2026, 10, 26))
    world.provision(OCT)
    world.type_values(IDP, world.sheet_key(OCT, IDP), TAB, {
        cell("realization", 0): "8000", cell("evidence", 0): "https://drive.google.com/b",
        cell("realization", 1): "1850", cell("realization", 2): "99"})
    pull_and_reconcile(world.ctx, OCT)
    notes = world.ctx.backend.read_notes(world.sheet_key(OCT, IDP), TAB)
    assert entry(world, OCT, "IDP-01").status == "terisi" and cell("realization", 0) not in notes
    assert notes[cell("realization", 1)] == (
        "Realisasi kumulatif 1.850 orang lebih kecil dari bulan lalu (1.900 orang, September). "
        "Indikator kumulatif dihitung sejak Januari sehingga tidak boleh turun; periksa kembali "
        f"angkanya. Bila angka bulan lalu yang keliru, {CONFIRM}")
    assert notes[cell("realization", 2)] == (
        "Capaian tahun berjalan tidak dapat dihitung: realisasi September belum ada atau tidak "
        "terbaca. Lengkapi realisasi bulan tersebut (hubungi Penyusun Program bila bulannya "
        f"sudah ditutup); bila tidak dapat dilengkapi, {CONFIRM}")
    assert entry(world, OCT, "IDP-02").achievement is not None  # still shown, to confirm
    before = world.counts()
    assert pull_and_reconcile(world.ctx, OCT).changed == 0 and world.counts() == before


def test_a_missing_link_is_noted_on_the_evidence_cell_and_cleared_when_added(
        world: World) -> None:
    world.clock.set(jakarta(2026, 10, 26))
    world.provision(OCT)
    key = world.sheet_key(OCT, IDP)
    world.type_values(IDP, key, TAB, {cell("realization", 0): "7900"})
    pull_and_reconcile(world.ctx, OCT)
    notes = world.ctx.backend.read_notes(key, TAB)
    assert notes == {cell("evidence", 0): "Bukti dukung wajib untuk indikator ini: isi tautan "
                     "(https://...) ke dokumen bukti di kolom Bukti Dukung."}
    assert entry(world, OCT, "IDP-01").status == "bermasalah"
    world.type_values(IDP, key, TAB, {cell("evidence", 0): "drive.google.com/x"})
    pull_and_reconcile(world.ctx, OCT)
    assert world.ctx.backend.read_notes(key, TAB)[cell("evidence", 0)].startswith(
        'Bukti dukung "drive.google.com/x" bukan tautan.')
    world.type_values(IDP, key, TAB, {cell("evidence", 0): "https://drive.google.com/x"})
    pull_and_reconcile(world.ctx, OCT)
    assert world.ctx.backend.read_notes(key, TAB) == {}
    assert entry(world, OCT, "IDP-01").status == "terisi"


def test_the_kasubags_sesuai_confirms_an_unusual_value(world: World) -> None:
    world.clock.set(jakarta(2026, 10, 26))
    world.provision(OCT)
    key = world.sheet_key(OCT, IDP)
    world.type_values(IDP, key, TAB, {cell("realization", 2): "160"})  # IDP-03: 160 % of 100
    pull_and_reconcile(world.ctx, OCT)
    assert world.ctx.backend.read_notes(key, TAB)[cell("realization", 2)].startswith(
        "Capaian 160% di atas batas wajar 150% (realisasi 160%, target 100%): perlu konfirmasi.")
    recap = master_layout().recap
    ks = "198108142006042012"  # the sample office's Kasubag
    world.type_values(ks, world.sheet_key(OCT), recap.tab, {
        f"{recap.col('review')}{entry(world, OCT, 'IDP-03').master_row}": "Sesuai"})
    pull_and_reconcile(world.ctx, OCT)
    assert cell("realization", 2) not in world.ctx.backend.read_notes(key, TAB)
    confirmed = entry(world, OCT, "IDP-03")
    assert (confirmed.status, confirmed.findings, confirmed.achievement) == ("sesuai", [],
                                                                              "160.00")
