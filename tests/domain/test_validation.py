"""check_realization: each rule named, each message exact."""

from decimal import Decimal as D

from service.domain.agreement import Indicator, Polarity
from service.domain.parsing import ParsedValue
from service.domain.validation import (
    Finding,
    RulesConfig,
    check_realization,
    evidence_problem,
    is_evidence_message,
    missing_months,
    open_findings,
)


def indicator(
    polarity: Polarity = Polarity.POSITIVE,
    target: str = "100",
    unit: str = "dokumen",
    low: str | None = None,
    high: str | None = None,
    **extra: object,
) -> Indicator:
    return Indicator(
        code="X-01",
        name="Indikator uji",
        unit=unit,
        polarity=polarity,
        cumulative=bool(extra.pop("cumulative", False)),
        yearly_target=D(target),
        monthly_targets=(D(target),) * 12,
        range_low=None if low is None else D(low),
        range_high=None if high is None else D(high),
        **extra,  # type: ignore[arg-type]
    )


DOCS = indicator()


def test_a_plain_number_within_range_has_no_findings() -> None:
    assert check_realization("85", DOCS, 1, deadline_passed=True) == (ParsedValue(D(85)), [])


def test_indonesian_decimal_is_parsed_and_returned() -> None:
    parsed, findings = check_realization("1.234,5", indicator(target="1000"), 1, False)
    assert parsed.value == D("1234.5")
    assert findings == []


def test_text_that_is_not_a_number_is_bukan_angka_with_the_parser_message() -> None:
    parsed, findings = check_realization("tujuh", DOCS, 1, deadline_passed=False)
    assert parsed.value is None
    assert findings == [
        Finding(
            "bukan_angka",
            'Nilai "tujuh" tidak terbaca sebagai angka. Isi dengan angka saja, '
            "mis. 12 atau 12,5 (tanpa satuan).",
        )
    ]


def test_blank_before_the_deadline_is_not_a_finding() -> None:
    assert check_realization(None, DOCS, 1, deadline_passed=False) == (ParsedValue(None), [])
    assert check_realization("  ", DOCS, 1, deadline_passed=False) == (ParsedValue(None), [])


def test_blank_after_the_deadline_is_kosong() -> None:
    parsed, findings = check_realization("", DOCS, 1, deadline_passed=True)
    assert parsed.is_blank
    assert findings == [
        Finding("kosong", "Realisasi belum diisi, padahal batas waktu sudah lewat.")
    ]


def test_negative_realization_is_negatif_with_the_value_in_the_message() -> None:
    _, findings = check_realization("-5", DOCS, 1, deadline_passed=False)
    assert findings == [Finding("negatif", "Realisasi tidak boleh negatif (-5).")]


def test_negative_message_writes_the_number_the_indonesian_way() -> None:
    _, findings = check_realization("-1.234,5", DOCS, 1, deadline_passed=False)
    assert findings == [Finding("negatif", "Realisasi tidak boleh negatif (-1.234,5).")]


def test_negative_stops_further_rules() -> None:
    _, findings = check_realization(-1000, indicator(target="1"), 1, deadline_passed=True)
    assert [f.rule for f in findings] == ["negatif"]


def test_percent_sign_is_accepted_for_a_percent_indicator() -> None:
    parsed, findings = check_realization("85%", indicator(unit="%"), 1, True)
    assert parsed.value == D(85)
    assert findings == []


def test_nan_cell_is_reported_not_crashed() -> None:
    _, findings = check_realization(float("nan"), DOCS, 1, False)
    assert [f.rule for f in findings] == ["bukan_angka"]


# --- achievement ceiling and floor (replace the old "3x target" rule, issue 4) -------------

CONFIRM = "bila benar, Kasubag menandai baris ini Sesuai."


def above(capaian: str, ceiling: str, where: str) -> Finding:
    return Finding("capaian_di_atas_batas",
                   f"Capaian {capaian}% di atas batas wajar {ceiling}% ({where}): perlu "
                   f"konfirmasi. Periksa kembali angkanya; {CONFIRM}")


def below(capaian: str, floor: str, where: str) -> Finding:
    return Finding("capaian_di_bawah_batas",
                   f"Capaian {capaian}% di bawah batas wajar {floor}% ({where}): perlu "
                   "konfirmasi. Periksa kembali angkanya dan tulis penyebabnya di kolom "
                   f"Kendala; {CONFIRM}")


def test_zero_is_a_number_but_far_below_the_floor() -> None:
    parsed, findings = check_realization(0, DOCS, 1, deadline_passed=True)
    assert parsed == ParsedValue(D(0))
    assert findings == [below("0", "50", "realisasi 0 dokumen, target 100 dokumen")]


def test_achievement_above_150_percent_needs_confirmation() -> None:
    _, findings = check_realization("150,5", DOCS, 1, False)
    assert findings == [above("150,5", "150", "realisasi 150,5 dokumen, target 100 dokumen")]
    assert check_realization("150", DOCS, 1, False)[1] == []


def test_achievement_below_50_percent_needs_confirmation() -> None:
    _, findings = check_realization("49", DOCS, 1, False)
    assert findings == [below("49", "50", "realisasi 49 dokumen, target 100 dokumen")]
    assert check_realization("50", DOCS, 1, False)[1] == []


def test_thresholds_are_office_tunable() -> None:
    strict = RulesConfig(ceiling=D(120), floor=D(80))
    assert [f.rule for f in check_realization("121", DOCS, 1, False, strict)[1]] == [
        "capaian_di_atas_batas"]
    assert [f.rule for f in check_realization("79", DOCS, 1, False, strict)[1]] == [
        "capaian_di_bawah_batas"]


def test_an_indicator_overrides_the_office_thresholds() -> None:
    lenient = indicator(ceiling=D(300), floor=D(10))
    assert check_realization("290", lenient, 1, False)[1] == []
    assert check_realization("11", lenient, 1, False)[1] == []
    _, findings = check_realization("301", lenient, 1, False)
    assert findings == [above("301", "300", "realisasi 301 dokumen, target 100 dokumen")]


def test_thresholds_use_this_months_target_and_indonesian_numbers() -> None:
    cumulative = Indicator(code="IDP-01", name="KTP-el dicetak", unit="keping",
                           polarity=Polarity.POSITIVE, cumulative=True, yearly_target=D(9600),
                           monthly_targets=tuple(D(800 * m) for m in range(1, 13)))
    _, findings = check_realization("1.250", cumulative, 1, False)
    assert findings == [above("156,25", "150", "realisasi 1.250 keping, target 800 keping")]
    assert check_realization("1.250", cumulative, 2, False)[1] == []


def test_negative_polarity_achievement_is_what_the_thresholds_see() -> None:
    days = indicator(Polarity.NEGATIVE, target="2", unit="hari")
    _, findings = check_realization("3,5", days, 1, False)  # (2x2 - 3,5) / 2 = 25 %
    assert findings == [below("25", "50", "realisasi 3,5 hari, target 2 hari")]
    _, findings = check_realization("0,5", days, 1, False)  # 175 %
    assert findings == [above("175", "150", "realisasi 0,5 hari, target 2 hari")]


def test_range_indicator_names_the_band_in_the_message() -> None:
    band = indicator(Polarity.RANGE, unit="%", low="90", high="110")
    assert check_realization("100%", band, 1, False)[1] == []
    _, findings = check_realization("170%", band, 1, False)  # (110x2 - 170) / 110 = 45,45 %
    assert findings == [below("45,45", "50", "realisasi 170%, target 90% sampai 110%")]


def test_a_zero_target_skips_the_thresholds() -> None:
    assert check_realization("1000000", indicator(target="0"), 1, False)[1] == []


# --- cumulative indicator lower than last month ------------------------------------------


def test_a_cumulative_value_lower_than_last_month_needs_confirmation() -> None:
    docs = indicator(cumulative=True)
    _, findings = check_realization("95", docs, 3, False, earlier={1: D(40), 2: D("97.5")})
    assert findings == [Finding(
        "kumulatif_turun",
        "Realisasi kumulatif 95 dokumen lebih kecil dari bulan lalu (97,5 dokumen, Februari). "
        "Indikator kumulatif dihitung sejak Januari sehingga tidak boleh turun; periksa kembali "
        f"angkanya. Bila angka bulan lalu yang keliru, {CONFIRM}")]


def test_equal_to_last_month_or_no_last_month_is_fine() -> None:
    docs = indicator(cumulative=True)
    assert check_realization("95", docs, 3, False, earlier={2: D(95)})[1] == []
    assert check_realization("95", docs, 3, False, earlier={1: D(99)})[1] == []
    assert check_realization("95", docs, 3, False, earlier={2: None})[1] == []


def test_a_non_cumulative_indicator_may_go_down() -> None:
    assert check_realization("95", DOCS, 3, False, earlier={1: D(99), 2: D(99)})[1] == []


# --- year to date of a non-cumulative indicator --------------------------------------------


def test_ytd_is_incomplete_when_a_tracked_earlier_month_has_no_valid_value() -> None:
    _, findings = check_realization("95", DOCS, 5, False,
                                    earlier={2: D(90), 3: None, 4: D(99)})
    assert findings == [Finding(
        "ytd_tidak_lengkap",
        "Capaian tahun berjalan tidak dapat dihitung: realisasi Maret belum ada atau tidak "
        "terbaca. Lengkapi realisasi bulan tersebut (hubungi Penyusun Program bila bulannya "
        f"sudah ditutup); bila tidak dapat dilengkapi, {CONFIRM}")]


def test_missing_months_counts_gaps_from_the_first_tracked_month() -> None:
    assert missing_months(DOCS, 6, {2: D(1), 4: D(1)}) == [3, 5]
    assert missing_months(DOCS, 6, {}) == []  # the first month the service sees: nothing asked
    assert missing_months(DOCS, 1, {}) == []
    assert missing_months(indicator(cumulative=True), 6, {2: None}) == []


def test_ytd_message_lists_every_missing_month() -> None:
    _, findings = check_realization("95", DOCS, 4, False, earlier={1: None, 2: None, 3: D(1)})
    assert findings[0].message.startswith(
        "Capaian tahun berjalan tidak dapat dihitung: realisasi Januari, Februari belum ada")


# --- evidence ---------------------------------------------------------------------------

NEEDS_LINK = indicator(evidence_required=True)
NO_LINK = Finding("bukti_wajib", "Bukti dukung wajib untuk indikator ini: isi tautan "
                  "(https://...) ke dokumen bukti di kolom Bukti Dukung.")


def not_a_link(text: str) -> Finding:
    return Finding("bukti_bukan_tautan",
                   f'Bukti dukung "{text}" bukan tautan. Isi alamat lengkap yang diawali '
                   "http:// atau https://, mis. https://drive.google.com/file/d/...")


def test_a_realization_without_a_required_link_is_bukti_wajib() -> None:
    assert check_realization("95", NEEDS_LINK, 1, False)[1] == [NO_LINK]
    assert check_realization("95", NEEDS_LINK, 1, False, evidence="  ")[1] == [NO_LINK]
    assert check_realization("95", NEEDS_LINK, 1, False,
                             evidence="https://drive.google.com/file/d/abc")[1] == []


def test_no_link_is_asked_for_a_blank_realization_or_an_optional_indicator() -> None:
    assert check_realization(None, NEEDS_LINK, 1, False)[1] == []
    assert check_realization("95", DOCS, 1, False)[1] == []


def test_evidence_that_is_not_a_link_is_noted_even_when_optional() -> None:
    _, findings = check_realization("95", DOCS, 1, False, evidence="drive.google.com/abc")
    assert findings == [not_a_link("drive.google.com/abc")]
    _, findings = check_realization(None, NEEDS_LINK, 1, False, evidence="ada di map")
    assert findings == [not_a_link("ada")]


def test_several_links_are_accepted_and_the_bad_one_is_named() -> None:
    assert evidence_problem("https://a.go.id/x; http://b.go.id/y,\nhttps://c.id") is None
    assert evidence_problem("https://a.go.id/x file.pdf") == not_a_link("file.pdf").message
    assert evidence_problem("javascript:alert(1)") == not_a_link("javascript:alert(1)").message
    assert evidence_problem("https://localhost") == not_a_link("https://localhost").message


def test_evidence_findings_are_marked_for_the_evidence_cell() -> None:
    _, findings = check_realization("95", NEEDS_LINK, 1, False)
    assert [is_evidence_message(f.message) for f in findings] == [True]


# --- confirmation by the Kasubag's review ---------------------------------------------------


def test_sesuai_clears_only_the_rules_that_need_confirmation() -> None:
    _, findings = check_realization("200", NEEDS_LINK, 1, False)
    assert [f.rule for f in findings] == ["capaian_di_atas_batas", "bukti_wajib"]
    assert open_findings(findings, confirmed=True) == [NO_LINK]
    assert open_findings(findings, confirmed=False) == findings


def test_hard_findings_cannot_be_confirmed() -> None:
    for raw in ("tujuh", "-1"):
        _, findings = check_realization(raw, DOCS, 1, True)
        assert open_findings(findings, confirmed=True) == findings
