"""Realistic messy inputs, typed into a real month's sheets on both backends.

Each case is typed into a realization cell (and, for evidence cases, the evidence cell) of
the sample office's October sheets; one pull later the test checks the value the service
stored, the note on the cell and the row's status, then that a second pull writes nothing.
Rows are reused round after round, so notes are also seen being replaced and removed.

Every case expects the same on both backends. The realization cells are provisioned as
plain text (`TabSpec.text_ranges`: number format "@" in the workbook, TEXT on Google, whose
spreadsheets are also created in id_ID / Asia/Jakarta), so what a person types reaches the
service's parser exactly as typed: Google no longer reads "85%" as 0.85, "1.234" as 1.234,
"1,234,567" as a number or "5/10/2026" as a date serial before the service sees it. Values
that are numbers or booleans to begin with (88, 0.955, True: what Excel stores) stay numbers
and booleans on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from service.clock import SimulatedClock
from service.domain.period import Period
from service.jobs.reconcile import pull_and_reconcile
from service.sheets.layout import official_layout
from service.store import month_repo as months
from tests.conftest import jakarta
from tests.jobs.messy_world import TAB, WORLDS, World

PERIOD = Period(2026, 10)
PCT_ROWS = [  # unit %, target 100, not cumulative, no evidence required: capaian = value
    ("198004042005012009", "IDP-03"), ("198306172009011003", "PDH-03"),
    ("197808082002121002", "PIK-03"), ("198710102011012008", "SIF-03"),
    ("198903302014022001", "PMD-01"), ("198401152009031006", "UMK-01"),
    ("198401152009031006", "UMK-03"),
]
LINK_ROWS = [("197509231999031004", "DAF-01"), ("197611111999032006", "CPL-01")]  # evidence
NOT_TYPED = object()
CONFIRM = "bila benar, Kasubag menandai baris ini Sesuai."
LINK = "https://drive.google.com/file/d/1AbC"


def below(capaian: str, realization: str | None = None) -> str:
    return (f"Capaian {capaian}% di bawah batas wajar 50% (realisasi {realization or capaian}%, "
            "target 100%): perlu konfirmasi. Periksa kembali angkanya dan tulis penyebabnya "
            f"di kolom Kendala; {CONFIRM}")


def above(capaian: str) -> str:
    return (f"Capaian {capaian}% di atas batas wajar 150% (realisasi {capaian}%, target 100%): "
            f"perlu konfirmasi. Periksa kembali angkanya; {CONFIRM}")


def unreadable(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Isi dengan angka saja, '
            "mis. 12 atau 12,5 (tanpa satuan).")


def estimate(text: str, marker: str, example: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. "{marker}" menandakan perkiraan; '
            f"isi satu angka realisasi yang pasti, mis. {example}.")


def span(text: str, low: str, high: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Terbaca rentang {low} sampai {high}; '
            "isi satu angka realisasi, bukan rentang.")


RUPIAH = ("Untuk rupiah, pakai titik sebagai pemisah ribuan dan koma untuk desimal, "
          "mis. Rp 1.500.000 atau Rp 1.500.000,50.")


def two_ways(text: str, as_read: str, as_thousands: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Jumlah ini dapat dibaca dua cara: '
            f"{as_read} atau {as_thousands}, karena pemisahnya dapat berarti desimal atau "
            f"ribuan. {RUPIAH}")


def a_date(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Sel berisi tanggal (Excel/Sheets '
            "dapat mengubah isian seperti 12/5 menjadi tanggal); ubah format sel menjadi teks "
            "atau angka, lalu isi angka realisasi, mis. 12 atau 12,5.")


def not_a_link(text: str) -> str:
    return (f'Bukti dukung "{text}" bukan tautan. Isi alamat lengkap yang diawali http:// '
            "atau https://, mis. https://drive.google.com/file/d/...")


NO_LINK = ("Bukti dukung wajib untuk indikator ini: isi tautan (https://...) ke dokumen bukti "
           "di kolom Bukti Dukung.")
OK, FLAGGED, BLANK = "terisi", "bermasalah", "belum diisi"


@dataclass(frozen=True)
class Case:
    typed: object
    value: str | None  # RecapEntry.realization, compared as a Decimal
    note: str | None  # on the realization cell
    status: str
    evidence: object = NOT_TYPED
    evidence_note: str | None = None


CASES = [
    # numbers as Indonesians write them
    Case("85", "85", None, OK),
    Case("97,5", "97.5", None, OK),
    Case("12,5", "12.5", below("12,5"), FLAGGED),
    Case("1.234", "1234", above("1.234"), FLAGGED),
    Case("1.234,5", "1234.5", above("1.234,5"), FLAGGED),
    Case("1,234", "1.234", below("1,23", "1,234"), FLAGGED),
    Case("0012", "12", below("12"), FLAGGED),
    Case("150", "150", None, OK),
    Case("150,01", "150.01", above("150,01"), FLAGGED),
    Case("49,99", "49.99", below("49,99"), FLAGGED),
    Case("0", "0", below("0"), FLAGGED),
    # percent signs and units typed in
    Case("85%", "85", None, OK),
    Case("85 %", "85", None, OK),
    Case("95,5%", "95.5", None, OK),
    Case("99 persen", "99", None, OK),
    Case("98,5 persen", "98.5", None, OK),
    Case("96 Persen", "96", None, OK),
    # spaces of every kind
    Case("  97 ", "97", None, OK),
    Case("\u00a099\u00a0", "99", None, OK),
    Case("\t96\n", "96", None, OK),
    Case("1.234\u00a0%", "1234", above("1.234"), FLAGGED),
    # Excel numbers, and the percent cell Excel stores as a fraction
    Case(88, "88", None, OK),
    Case(88.5, "88.5", None, OK),
    Case(0.955, "0.955", below("0,96", "0,955"), FLAGGED),
    Case(True, None, unreadable("True"), FLAGGED),
    # English habits, only where unambiguous
    Case("1,234.5", "1234.5", above("1.234,5"), FLAGGED),
    Case("92.5", "92.5", None, OK),
    Case("95.0", "95.0", None, OK),
    Case("1,234,567", None, unreadable("1,234,567"), FLAGGED),
    # rupiah, as invoices write them: read like a unit word (these rows are percentages, so
    # the amounts are implausible there; on a budget indicator they would be fine)
    Case("Rp 95", "95", None, OK),
    Case("Rp. 97,5", "97.5", None, OK),
    Case("IDR 98", "98", None, OK),
    Case("99 rupiah", "99", None, OK),
    Case("Rp 5.000", "5000", above("5.000"), FLAGGED),
    Case("Rp1.500.000,00", "1500000", above("1.500.000"), FLAGGED),
    Case("Rp 1.500.000,-", "1500000", above("1.500.000"), FLAGGED),
    Case("Rp 1,5 juta", "1500000", above("1.500.000"), FLAGGED),
    Case("Rp 1,500", None, two_ways("Rp 1,500", "1,5", "1.500"), FLAGGED),
    Case("Rp 1.500,000", None, two_ways("Rp 1.500,000", "1.500", "1.500.000"), FLAGGED),
    Case("Rp 1,500,000", None, ('Nilai "Rp 1,500,000" tidak terbaca sebagai angka. Koma dipakai '
                                "sebagai pemisah ribuan, padahal dalam penulisan Indonesia koma "
                                f"adalah tanda desimal. {RUPIAH}"), FLAGGED),
    Case("Rp 1.500,000.00", None, ('Nilai "Rp 1.500,000.00" tidak terbaca sebagai angka. Titik '
                                   "dan koma tercampur, sehingga tidak jelas mana pemisah ribuan "
                                   f"dan mana desimal. {RUPIAH}"), FLAGGED),
    # minus signs
    Case("-5", "-5", "Realisasi tidak boleh negatif (-5).", FLAGGED),
    Case("\u22125", "-5", "Realisasi tidak boleh negatif (-5).", FLAGGED),
    Case("\u221212,5", "-12.5", "Realisasi tidak boleh negatif (-12,5).", FLAGGED),
    # estimates and ranges
    Case("± 95", None, estimate("± 95", "±", "95"), FLAGGED),
    Case("kurang lebih 90%", None, estimate("kurang lebih 90%", "kurang lebih", "90"), FLAGGED),
    Case("sekitar 95", None, estimate("sekitar 95", "sekitar", "95"), FLAGGED),
    Case("Kira-kira 90 persen", None, estimate("Kira-kira 90 persen", "kira-kira", "90"),
         FLAGGED),
    Case("> 95%", None, estimate("> 95%", ">", "95"), FLAGGED),
    Case("90-95", None, span("90-95", "90", "95"), FLAGGED),
    Case("90 - 95 %", None, span("90 - 95 %", "90", "95"), FLAGGED),
    Case("90 s.d. 95", None, span("90 s.d. 95", "90", "95"), FLAGGED),
    # dates where a number is expected (kept as the typed text in a plain-text cell)
    Case("2026-10-05", None, a_date("2026-10-05"), FLAGGED),
    Case("5/10/2026", None, a_date("5/10/2026"), FLAGGED),
    Case(date(2026, 10, 5), None, a_date("2026-10-05"), FLAGGED),
    # words, codes and garbage
    Case("#N/A", None, ('Nilai "#N/A" tidak terbaca sebagai angka. Sel berisi galat rumus; '
                        "isi angka hasilnya langsung, mis. 12 atau 12,5."), FLAGGED),
    Case("belum ada data", None, unreadable("belum ada data"), FLAGGED),
    Case("tujuh puluh", None, unreadable("tujuh puluh"), FLAGGED),
    Case("95 dok/bln", None, unreadable("95 dok/bln"), FLAGGED),
    Case("Rp", None, unreadable("Rp"), FLAGGED),
    Case("12.345.6", None, unreadable("12.345.6"), FLAGGED),
    Case("", None, None, BLANK),
    Case("   ", None, None, BLANK),
    # evidence links, on indicators that require one (targets 99 and 98: 98 is fine)
    Case("98", "98", None, OK, evidence=LINK),
    Case("98", "98", None, FLAGGED, evidence=None, evidence_note=NO_LINK),
    Case("98", "98", None, FLAGGED, evidence="drive.google.com/abc",
         evidence_note=not_a_link("drive.google.com/abc")),
    Case("98", "98", None, FLAGGED, evidence="lihat map biru", evidence_note=not_a_link("lihat")),
    Case("98", "98", None, OK, evidence=f"{LINK}; {LINK}2"),
    Case("", None, None, BLANK, evidence=LINK),
    Case("± 98", None, estimate("± 98", "±", "98"), FLAGGED, evidence="ada",
         evidence_note=not_a_link("ada")),
]


def rounds() -> list[dict[tuple[str, str], Case]]:
    """Cases spread over the rows: each round types at most one case per row."""
    plan: list[dict[tuple[str, str], Case]] = []
    for case in CASES:
        rows = LINK_ROWS if case.evidence is not NOT_TYPED else PCT_ROWS
        for planned in [*plan, {}]:
            free = [r for r in rows if r not in planned]
            if free:
                planned[free[0]] = case
                if planned not in plan:
                    plan.append(planned)
                break
    return plan


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert sum(len(r) for r in rounds()) == len(CASES)


@pytest.mark.parametrize("backend", sorted(WORLDS))
def test_messy_inputs_give_value_note_and_status(backend: str, tmp_path: Path) -> None:
    world = WORLDS[backend](tmp_path, SimulatedClock(jakarta(2026, 10, 26)))
    world.provision(PERIOD)
    pull_and_reconcile(world.ctx, PERIOD)
    problems: list[str] = []
    for number, planned in enumerate(rounds(), start=1):
        _type_round(world, planned)
        result = pull_and_reconcile(world.ctx, PERIOD)
        assert result.errors == []
        problems += _check_round(world, planned, number)
        before = world.counts()
        assert pull_and_reconcile(world.ctx, PERIOD).changed == 0
        assert world.counts() == before, f"round {number}: a rerun wrote to the sheets"
    assert problems == []


def _cells(world: World, nip: str, code: str) -> tuple[str, str, str]:
    with world.ctx.db.session() as session:
        (entry,) = [e for e in months.recap_entries(session, world.ctx.office, str(PERIOD), nip)
                    if e.code == code]
    table = official_layout().table
    row = table.data_row(entry.ordinal)
    return world.sheet_key(PERIOD, nip), f"{table.col('realization')}{row}", \
        f"{table.col('evidence')}{row}"


def _type_round(world: World, planned: dict[tuple[str, str], Case]) -> None:
    for (nip, code), case in planned.items():
        key, realization, evidence = _cells(world, nip, code)
        cells = {realization: case.typed}
        if case.evidence is not NOT_TYPED:
            cells[evidence] = case.evidence
        world.type_values(nip, key, TAB, cells)


def _check_round(world: World, planned: dict[tuple[str, str], Case], number: int) -> list[str]:
    problems = []
    for (nip, code), case in planned.items():
        key, realization, evidence = _cells(world, nip, code)
        with world.ctx.db.session() as session:
            (entry,) = [e for e in months.recap_entries(session, world.ctx.office,
                                                        str(PERIOD), nip) if e.code == code]
        notes = world.ctx.backend.read_notes(key, TAB)
        value, note, status = case.value, case.note, case.status
        got = (None if entry.realization is None else Decimal(entry.realization),
               notes.get(realization), entry.status, notes.get(evidence))
        want = (None if value is None else Decimal(value), note, status, case.evidence_note)
        if got != want:
            problems.append(f"round {number} {code} typed {case.typed!r}: got {got}, "
                            f"expected {want}")
    return problems
