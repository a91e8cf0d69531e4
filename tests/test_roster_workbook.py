"""read_roster: the committed sample roster, and wrong rosters refused with tab/row/column."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from service.domain.agreement import Agreement, Polarity
from service.domain.roster import Role, Roster
from service.sheets.roster_workbook import (
    INDICATOR_COLUMNS,
    PEOPLE_COLUMNS,
    RosterError,
    read_roster,
)

Sample = tuple[Roster, list[Agreement]]
SAMPLE = Path(__file__).resolve().parents[1] / "sheet_templates" / "roster-contoh.xlsx"

# --- the committed sample -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Sample:
    return read_roster(SAMPLE)


def test_sample_roster_has_sixteen_people(sample: Sample) -> None:
    roster, _ = sample
    assert len(roster.officials) == 16
    assert len({o.nip for o in roster.officials}) == 16


def test_sample_roster_has_exactly_one_of_each_approver(sample: Sample) -> None:
    roster, _ = sample
    counts = Counter(o.role for o in roster.officials)
    assert counts == {Role.PP: 1, Role.KS: 1, Role.SK: 1, Role.KD: 1, Role.PJ: 12}
    assert roster.approver(Role.KD).name == "Drs. Bambang Setiawan, M.Si."  # type: ignore[union-attr]
    assert roster.approver(Role.KS).nip == "198108142006042012"  # type: ignore[union-attr]
    assert roster.approver(Role.PP).email == (  # type: ignore[union-attr]
        "andi.prasetyo@dukcapil-mojokerto.example"
    )


def test_sample_gives_each_of_the_twelve_officials_three_to_six_indicators(sample: Sample) -> None:
    roster, agreements = sample
    officials = {o.nip for o in roster.with_role(Role.PJ)}
    assert {a.nip for a in agreements} == officials
    assert len(agreements) == 12
    for agreement in agreements:
        assert agreement.year == 2026
        assert 3 <= len(agreement.indicators) <= 6, agreement.nip
    assert sum(len(a.indicators) for a in agreements) == 37


def test_sample_reads_an_official_row_exactly(sample: Sample) -> None:
    roster, _ = sample
    sri = roster.by_nip("198004042005012009")
    assert (sri.name, sri.position, sri.unit, sri.role) == (
        "Sri Rahayu Ningsih, S.H.",
        "Kepala Seksi Identitas Penduduk",
        "Bidang Dafduk",
        Role.PJ,
    )


def test_sample_reads_a_cumulative_indicator_with_its_monthly_targets(sample: Sample) -> None:
    _, agreements = sample
    by_nip = {a.nip: a for a in agreements}
    ktp = by_nip["198004042005012009"].indicator("IDP-01")
    assert ktp.name == "KTP-el dicetak"
    assert ktp.unit == "keping"
    assert ktp.polarity is Polarity.POSITIVE
    assert ktp.cumulative is True
    assert ktp.evidence_required is True
    assert ktp.yearly_target == D(9600)
    assert ktp.monthly_targets == tuple(D(800 * m) for m in range(1, 13))
    assert ktp.range_low is None and ktp.range_high is None


def test_sample_reads_negative_and_range_indicators(sample: Sample) -> None:
    _, agreements = sample
    by_nip = {a.nip: a for a in agreements}
    days = by_nip["198512012010011007"].indicator("KLH-03")
    assert days.polarity is Polarity.NEGATIVE
    assert days.cumulative is False
    assert days.evidence_required is False
    assert days.target_for(7) == D(2)
    budget = by_nip["198606062010012014"].indicator("KEU-01")
    assert budget.polarity is Polarity.RANGE
    assert (budget.range_low, budget.range_high) == (D(90), D(110))
    assert budget.evidence_required is True


def test_sample_keeps_a_zero_monthly_target(sample: Sample) -> None:
    _, agreements = sample
    by_nip = {a.nip: a for a in agreements}
    innovation = by_nip["197702142000031005"].indicator("PDI-02")
    assert innovation.monthly_targets[0] == D(0)
    assert innovation.target_for(12) == D(4)


def test_sample_keeps_sheet_order_of_indicators(sample: Sample) -> None:
    _, agreements = sample
    by_nip = {a.nip: a for a in agreements}
    codes = [i.code for i in by_nip["198512012010011007"].indicators]
    assert codes == ["KLH-01", "KLH-02", "KLH-03", "KLH-04"]


# --- building rosters ---------------------------------------------------------------------

KD_NIP = "197003121995031001"
SK_NIP = "197205201998032003"
KS_NIP = "198108142006042012"
PP_NIP = "199002102015031005"
PJ_NIP = "197509231999031004"
PJ2_NIP = "198004042005012009"


def person(nip: str, role: str, name: str = "Nama Pegawai", email: str | None = None) -> dict:
    return {
        "NIP": nip,
        "Nama": name,
        "Jabatan": "Jabatan",
        "Email": email if email is not None else f"p{nip[-4:]}@dinas.example",
        "Unit Kerja": "Sekretariat",
        "Peran": role,
    }


def indicator_row(nip: str, code: str, **overrides: object) -> dict:
    row: dict[str, object] = {
        "Tahun": 2026,
        "NIP": nip,
        "Kode": code,
        "Indikator": f"Indikator {code}",
        "Satuan": "dokumen",
        "Polaritas": "positif",
        "Kumulatif": "tidak",
        "Bukti Wajib": "tidak",
        "Target Tahunan": 12,
        "Batas Bawah": None,
        "Batas Atas": None,
    }
    row.update({m: 1 for m in INDICATOR_COLUMNS[11:]})
    row.update(overrides)
    return row


def good_people() -> list[dict]:
    return [
        person(KD_NIP, "KD"),
        person(SK_NIP, "SK"),
        person(KS_NIP, "KS"),
        person(PP_NIP, "PP"),
        person(PJ_NIP, "PJ"),
        person(PJ2_NIP, "PJ"),
    ]


def good_indicators() -> list[dict]:
    return [
        indicator_row(PJ_NIP, "A-01"),
        indicator_row(PJ_NIP, "A-02", Polaritas="negatif"),
        indicator_row(
            PJ2_NIP, "B-01", Polaritas="rentang", **{"Batas Bawah": 90, "Batas Atas": 110}
        ),
    ]


def write_roster(
    path: Path,
    people: list[dict | None],
    indicators: list[dict | None],
    people_columns: tuple[str, ...] = PEOPLE_COLUMNS,
    indicator_columns: tuple[str, ...] = INDICATOR_COLUMNS,
    tabs: tuple[str, ...] = ("Pegawai", "Indikator"),
) -> Path:
    """Write a roster; a None row is written as an empty row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for tab, columns, rows in (
        ("Pegawai", people_columns, people),
        ("Indikator", indicator_columns, indicators),
    ):
        if tab not in tabs:
            continue
        sheet = workbook.create_sheet(tab)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([None] * len(columns) if row is None else [row.get(c) for c in columns])
    workbook.save(path)
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RosterError) as error:
        read_roster(path)
    return error.value.problems


def test_a_good_built_roster_is_read(tmp_path: Path) -> None:
    roster, agreements = read_roster(
        write_roster(tmp_path / "r.xlsx", good_people(), good_indicators())
    )
    assert len(roster.officials) == 6
    assert {a.nip: [i.code for i in a.indicators] for a in agreements} == {
        PJ_NIP: ["A-01", "A-02"],
        PJ2_NIP: ["B-01"],
    }
    band = agreements[1].indicator("B-01")
    assert (band.range_low, band.range_high) == (D(90), D(110))


# --- refused rosters: exact problems ------------------------------------------------------


def test_missing_people_column_is_named_with_the_header_row(tmp_path: Path) -> None:
    columns = tuple(c for c in PEOPLE_COLUMNS if c != "Email")
    path = write_roster(
        tmp_path / "r.xlsx", good_people(), good_indicators(), people_columns=columns
    )
    assert problems_of(path) == ["Pegawai: kolom 'Email' tidak ada di baris judul (baris 1)"]


def test_missing_indicator_columns_are_each_named(tmp_path: Path) -> None:
    columns = tuple(c for c in INDICATOR_COLUMNS if c not in ("Polaritas", "Des"))
    path = write_roster(
        tmp_path / "r.xlsx", good_people(), good_indicators(), indicator_columns=columns
    )
    assert problems_of(path) == [
        "Indikator: kolom 'Polaritas' tidak ada di baris judul (baris 1)",
        "Indikator: kolom 'Des' tidak ada di baris judul (baris 1)",
    ]


def test_optional_columns_may_be_left_out(tmp_path: Path) -> None:
    columns = tuple(
        c for c in INDICATOR_COLUMNS if c not in ("Batas Bawah", "Batas Atas", "Bukti Wajib")
    )
    indicators = [indicator_row(PJ_NIP, "A-01")]
    roster, agreements = read_roster(
        write_roster(tmp_path / "r.xlsx", good_people(), indicators, indicator_columns=columns)
    )
    assert agreements[0].indicators[0].evidence_required is False


def test_missing_tab_is_named(tmp_path: Path) -> None:
    path = write_roster(tmp_path / "r.xlsx", good_people(), [], tabs=("Pegawai",))
    assert problems_of(path) == ["tab 'Indikator' tidak ada"]


def test_duplicate_nip_names_both_rows(tmp_path: Path) -> None:
    people = [*good_people(), person(PJ_NIP, "PJ", name="Kembar")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        f"Pegawai baris 8, kolom NIP: NIP {PJ_NIP} ganda (sudah ada di baris 6)"
    ]


def test_bad_email_is_named_by_row_and_column(tmp_path: Path) -> None:
    people = good_people()
    people[4] = person(PJ_NIP, "PJ", email="agus.hidayat@dukcapil")
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 6, kolom Email: alamat email 'agus.hidayat@dukcapil' tidak valid"
    ]


def test_bad_nip_is_named_by_row_and_column(tmp_path: Path) -> None:
    people = [*good_people(), person("19850101", "PJ")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 8, kolom NIP: NIP harus 18 digit angka, bukan '19850101'"
    ]


def test_nip_with_impossible_birth_month_is_refused(tmp_path: Path) -> None:
    people = [*good_people(), person("198513012010011007", "PJ")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 8, kolom NIP: NIP 198513012010011007 memuat tanggal lahir yang tidak valid"
    ]


def test_unknown_role_is_named_with_the_allowed_roles(tmp_path: Path) -> None:
    people = [*good_people(), person("198512012010011007", "Kabid")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 8, kolom Peran: 'Kabid' bukan salah satu dari PJ, PP, KS, SK, KD"
    ]


def test_role_in_lower_case_is_accepted(tmp_path: Path) -> None:
    people = good_people()
    people[4] = person(PJ_NIP, "pj")
    roster, _ = read_roster(write_roster(tmp_path / "r.xlsx", people, good_indicators()))
    assert roster.by_nip(PJ_NIP).role is Role.PJ


def test_two_ks_holders_are_refused(tmp_path: Path) -> None:
    people = [*good_people(), person("198512012010011007", "KS")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai: peran KS dipegang 2 orang; pengesahan butuh tepat satu"
    ]


def test_three_kd_holders_are_counted(tmp_path: Path) -> None:
    people = [
        *good_people(),
        person("198512012010011007", "KD"),
        person("198207252008012011", "kd"),
    ]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai: peran KD dipegang 3 orang; pengesahan butuh tepat satu"
    ]


def test_blank_required_cells_are_each_named(tmp_path: Path) -> None:
    people = good_people()
    people[5] = {**person(PJ2_NIP, "PJ"), "Nama": None, "Unit Kerja": "  "}
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 7, kolom Nama: wajib diisi",
        "Pegawai baris 7, kolom Unit Kerja: wajib diisi",
        f"Indikator baris 4, kolom NIP: {PJ2_NIP} tidak ada di tab Pegawai",
    ]


def test_indicator_for_unknown_nip_is_named(tmp_path: Path) -> None:
    stranger = "198710102011012008"
    indicators = [*good_indicators(), indicator_row(stranger, "Z-01")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        f"Indikator baris 5, kolom NIP: {stranger} tidak ada di tab Pegawai"
    ]


def test_indicator_with_blank_nip_says_kosong(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row("", "Z-01", NIP=None)]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5, kolom NIP: (kosong) tidak ada di tab Pegawai"
    ]


def test_bad_polarity_is_named(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row(PJ_NIP, "A-03", Polaritas="naik")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5, kolom Polaritas: isi positif, negatif atau rentang"
    ]


def test_polarity_is_case_insensitive(tmp_path: Path) -> None:
    indicators = [indicator_row(PJ_NIP, "A-01", Polaritas="  Negatif ")]
    _, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), indicators))
    assert agreements[0].indicators[0].polarity is Polarity.NEGATIVE


@pytest.mark.parametrize(
    ("low", "high"),
    [(None, None), (90, None), (None, 110), (110, 90)],
)
def test_range_without_both_bounds_in_order_is_refused(
    tmp_path: Path, low: object, high: object
) -> None:
    indicators = [
        *good_indicators(),
        indicator_row(
            PJ_NIP, "A-03", Polaritas="rentang", **{"Batas Bawah": low, "Batas Atas": high}
        ),
    ]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5: indikator rentang butuh Batas Bawah <= Batas Atas"
    ]


def test_range_with_equal_bounds_is_accepted(tmp_path: Path) -> None:
    indicators = [
        indicator_row(
            PJ_NIP, "A-01", Polaritas="rentang", **{"Batas Bawah": 100, "Batas Atas": 100}
        )
    ]
    _, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), indicators))
    assert agreements[0].indicators[0].range_low == D(100)


def test_duplicate_indicator_code_for_one_official_is_refused(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row(PJ_NIP, "A-01")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        f"Indikator baris 5, kolom Kode: kode A-01 ganda untuk {PJ_NIP}"
    ]


def test_same_code_for_two_officials_is_fine(tmp_path: Path) -> None:
    indicators = [indicator_row(PJ_NIP, "X-01"), indicator_row(PJ2_NIP, "X-01")]
    _, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), indicators))
    assert len(agreements) == 2


def test_bad_year_is_named(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row(PJ_NIP, "A-03", Tahun="dua ribu")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5, kolom Tahun: tahun tidak valid"
    ]


def test_missing_code_name_or_unit_is_named(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row(PJ_NIP, "A-03", Satuan=None)]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5: Kode, Indikator dan Satuan wajib diisi"
    ]


def test_bad_and_missing_targets_are_named_by_month_column(tmp_path: Path) -> None:
    indicators = [
        *good_indicators(),
        indicator_row(PJ_NIP, "A-03", Mar="tiga", Des=None, **{"Target Tahunan": "± 12"}),
    ]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5, kolom Mar: angka tidak valid ('tiga')",
        "Indikator baris 5, kolom Des: angka tidak valid (None)",
        "Indikator baris 5, kolom Target Tahunan: angka tidak valid ('± 12')",
    ]


def test_bad_flag_is_named(tmp_path: Path) -> None:
    indicators = [*good_indicators(), indicator_row(PJ_NIP, "A-03", Kumulatif="kadang")]
    assert problems_of(write_roster(tmp_path / "r.xlsx", good_people(), indicators)) == [
        "Indikator baris 5, kolom Kumulatif: isi 'ya' atau 'tidak'"
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ya", True), ("Y", True), ("TRUE", True), ("Tidak", False), (None, False), ("no", False)],
)
def test_flags_accept_common_yes_and_no(tmp_path: Path, typed: object, expected: bool) -> None:
    indicators = [indicator_row(PJ_NIP, "A-01", Kumulatif=typed)]
    _, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), indicators))
    assert agreements[0].indicators[0].cumulative is expected


def test_indonesian_number_text_in_targets_is_read(tmp_path: Path) -> None:
    indicators = [
        indicator_row(PJ_NIP, "A-01", Jan="1.200", Feb="12,5", **{"Target Tahunan": "9.600"})
    ]
    _, agreements = read_roster(write_roster(tmp_path / "r.xlsx", good_people(), indicators))
    item = agreements[0].indicators[0]
    assert item.monthly_targets[:2] == (D(1200), D("12.5"))
    assert item.yearly_target == D(9600)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    people = good_people()
    people[4] = person(PJ_NIP, "PJ", email="salah")
    people.append(person("123", "PJ"))
    people.append(person("198512012010011007", "KS"))
    indicators = [
        *good_indicators(),
        indicator_row("198710102011012008", "Z-01"),
        indicator_row(PJ_NIP, "A-03", Polaritas="?"),
    ]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, indicators)) == [
        "Pegawai baris 6, kolom Email: alamat email 'salah' tidak valid",
        "Pegawai baris 8, kolom NIP: NIP harus 18 digit angka, bukan '123'",
        "Pegawai: peran KS dipegang 2 orang; pengesahan butuh tepat satu",
        "Indikator baris 5, kolom NIP: 198710102011012008 tidak ada di tab Pegawai",
        "Indikator baris 6, kolom Polaritas: isi positif, negatif atau rentang",
    ]


def test_blank_rows_are_skipped_and_row_numbers_stay_true_to_the_sheet(tmp_path: Path) -> None:
    people = [*good_people(), None, None, person("19850101", "PJ")]
    indicators = [None, *good_indicators()]
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, indicators)) == [
        "Pegawai baris 10, kolom NIP: NIP harus 18 digit angka, bukan '19850101'"
    ]


def test_headers_and_cells_are_trimmed_and_column_order_is_free(tmp_path: Path) -> None:
    columns = ("Peran", " NIP ", "Email", "Nama", "Unit Kerja", "Jabatan")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    sheet.append(list(columns))
    sheet.append(["KD", f" {KD_NIP} ", " kadis@dinas.example ", "Kadis", "Pimpinan", "Kepala"])
    indicators = workbook.create_sheet("Indikator")
    indicators.append(list(INDICATOR_COLUMNS))
    path = tmp_path / "r.xlsx"
    workbook.save(path)
    roster, agreements = read_roster(path)
    kadis = roster.by_nip(KD_NIP)
    assert (kadis.email, kadis.role, kadis.position) == ("kadis@dinas.example", Role.KD, "Kepala")
    assert agreements == []


def test_a_file_that_is_not_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text("NIP,Nama\n", encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"berkas {path} tidak dapat dibuka sebagai .xlsx: ")


def test_roster_error_message_lists_every_problem() -> None:
    error = RosterError(["satu", "dua"])
    assert str(error) == "Daftar pegawai ditolak:\n- satu\n- dua"
    assert error.problems == ["satu", "dua"]
    assert isinstance(error, ValueError)


def test_two_blank_nips_are_reported_as_blank_not_as_duplicates(tmp_path: Path) -> None:
    people = [*good_people(), person("", "PJ"), person("", "PJ")]
    people[6]["NIP"] = None
    people[7]["NIP"] = None
    assert problems_of(write_roster(tmp_path / "r.xlsx", people, good_indicators())) == [
        "Pegawai baris 8, kolom NIP: wajib diisi",
        "Pegawai baris 9, kolom NIP: wajib diisi",
    ]


def test_values_longer_than_the_database_keeps_are_refused_by_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from service.sheets.roster_workbook import RosterError, read_roster

    workbook = load_workbook(SAMPLE)
    workbook["Indikator"]["C2"] = "K" * 33
    workbook["Pegawai"]["C3"] = "Jabatan " * 30
    path = tmp_path / "panjang.xlsx"
    workbook.save(path)
    with pytest.raises(RosterError) as refused:
        read_roster(path)
    assert "Indikator baris 2: terlalu panjang: Kode (maks. 32 karakter)" in refused.value.problems
    assert "Pegawai baris 3, kolom Jabatan: maks. 200 karakter" in refused.value.problems
