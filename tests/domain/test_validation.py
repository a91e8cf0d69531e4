"""check_realization: each rule named, each message exact."""

from decimal import Decimal as D

from service.domain.agreement import Indicator, Polarity
from service.domain.parsing import ParsedValue
from service.domain.validation import Finding, RulesConfig, check_realization


def indicator(
    polarity: Polarity = Polarity.POSITIVE,
    target: str = "100",
    unit: str = "dokumen",
    low: str | None = None,
    high: str | None = None,
) -> Indicator:
    return Indicator(
        code="X-01",
        name="Indikator uji",
        unit=unit,
        polarity=polarity,
        cumulative=False,
        yearly_target=D(target),
        monthly_targets=(D(target),) * 12,
        range_low=None if low is None else D(low),
        range_high=None if high is None else D(high),
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


def test_zero_is_a_valid_realization() -> None:
    assert check_realization(0, DOCS, 1, deadline_passed=True) == (ParsedValue(D(0)), [])


def test_more_than_three_times_target_is_jauh_di_atas_target() -> None:
    _, findings = check_realization("301", DOCS, 1, deadline_passed=False)
    assert findings == [
        Finding(
            "jauh_di_atas_target",
            "Realisasi 301 lebih dari 3x target (100 dokumen). Mohon periksa kembali angkanya.",
        )
    ]


def test_exactly_three_times_target_is_accepted() -> None:
    assert check_realization("300", DOCS, 1, deadline_passed=False)[1] == []


def test_far_above_message_uses_indonesian_number_format() -> None:
    _, findings = check_realization(
        "30.000,5", indicator(target="9600", unit="keping"), 1, deadline_passed=False
    )
    assert findings == [
        Finding(
            "jauh_di_atas_target",
            "Realisasi 30.000,5 lebih dari 3x target (9.600 keping). "
            "Mohon periksa kembali angkanya.",
        )
    ]


def test_far_above_uses_this_months_target() -> None:
    cumulative = Indicator(
        code="IDP-01",
        name="KTP-el dicetak",
        unit="keping",
        polarity=Polarity.POSITIVE,
        cumulative=True,
        yearly_target=D(9600),
        monthly_targets=tuple(D(800 * m) for m in range(1, 13)),
    )
    assert check_realization("2401", cumulative, 1, False)[1][0].rule == "jauh_di_atas_target"
    assert check_realization("2401", cumulative, 2, False)[1] == []


def test_far_above_ratio_is_office_tunable() -> None:
    strict = RulesConfig(far_above_ratio=D("1.5"))
    _, findings = check_realization("151", DOCS, 1, False, strict)
    assert findings == [
        Finding(
            "jauh_di_atas_target",
            "Realisasi 151 lebih dari 1,5x target (100 dokumen). Mohon periksa kembali angkanya.",
        )
    ]
    assert check_realization("150", DOCS, 1, False, strict)[1] == []


def test_zero_target_never_triggers_far_above() -> None:
    assert check_realization("1000000", indicator(target="0"), 1, False)[1] == []


def test_range_indicator_compares_against_the_upper_bound() -> None:
    band = indicator(Polarity.RANGE, target="100", unit="%", low="90", high="110")
    assert check_realization("330", band, 1, False)[1] == []
    _, findings = check_realization("331", band, 1, False)
    assert findings == [
        Finding(
            "jauh_di_atas_target",
            "Realisasi 331 lebih dari 3x target (110 %). Mohon periksa kembali angkanya.",
        )
    ]


def test_range_indicator_without_upper_bound_skips_far_above() -> None:
    band = indicator(Polarity.RANGE, target="1", low="90")
    assert check_realization("1000", band, 1, False)[1] == []


def test_negative_polarity_also_flags_far_above_target() -> None:
    days = indicator(Polarity.NEGATIVE, target="1", unit="hari")
    _, findings = check_realization("4", days, 1, False)
    assert findings == [
        Finding(
            "jauh_di_atas_target",
            "Realisasi 4 lebih dari 3x target (1 hari). Mohon periksa kembali angkanya.",
        )
    ]


def test_percent_sign_is_accepted_for_a_percent_indicator() -> None:
    parsed, findings = check_realization("85%", indicator(unit="%"), 1, True)
    assert parsed.value == D(85)
    assert findings == []


def test_far_above_message_drops_trailing_zeros() -> None:
    _, findings = check_realization("400,50", DOCS, 1, False)
    assert findings[0].message.startswith("Realisasi 400,5 lebih dari 3x target (100 dokumen).")


def test_nan_cell_is_reported_not_crashed() -> None:
    _, findings = check_realization(float("nan"), DOCS, 1, False)
    assert [f.rule for f in findings] == ["bukan_angka"]
