"""Reading a realization the way an Indonesian office types it."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from service.domain import ParsedDate, ParsedValue, parse_date, parse_value


def problem_for(text: str) -> str:
    return (
        f'Nilai "{text}" tidak terbaca sebagai angka. Isi dengan angka saja, '
        "mis. 12 atau 12,5 (tanpa satuan)."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", D("12")),
        ("12,5", D("12.5")),
        ("0,5", D("0.5")),
        ("1.234", D("1234")),
        ("1.234,5", D("1234.5")),
        ("1.234.567", D("1234567")),
        ("1.234.567,89", D("1234567.89")),
        ("12.5", D("12.5")),
        ("1.2345", D("1.2345")),
        ("1,234.5", D("1234.5")),
        ("12,345.67", D("12345.67")),
        ("0012", D("12")),
    ],
)
def test_indonesian_and_english_number_writing_is_read(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


def test_a_single_comma_is_the_indonesian_decimal_separator() -> None:
    # "1,234" has one Indonesian reading (1,234 = one point two three four); it is not 1234.
    assert parse_value("1,234").value == D("1.234")


def test_dot_in_groups_of_three_is_the_indonesian_thousands_separator() -> None:
    assert parse_value("9.600").value == D(9600)


def test_trailing_zero_decimal_is_kept_numerically_equal() -> None:
    assert parse_value("12,50").value == D("12.5")


@pytest.mark.parametrize(
    ("raw", "expected"), [("85%", D(85)), ("85 %", D(85)), ("12,5%", D("12.5"))]
)
def test_a_trailing_percent_sign_is_dropped(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


def test_surrounding_spaces_are_ignored() -> None:
    assert parse_value("  7 ") == ParsedValue(D(7))


def test_non_breaking_spaces_around_the_number_are_ignored() -> None:
    assert parse_value("\xa07\xa0") == ParsedValue(D(7))


def test_leading_minus_gives_a_negative_value_for_the_rules_to_flag() -> None:
    assert parse_value("-5") == ParsedValue(D(-5))
    assert parse_value("-12,5%") == ParsedValue(D("-12.5"))


def test_excel_integer_is_taken_as_is() -> None:
    assert parse_value(7) == ParsedValue(D(7))
    assert parse_value(-3) == ParsedValue(D(-3))


def test_excel_float_is_taken_by_its_shortest_repr_not_binary_expansion() -> None:
    assert parse_value(12.5).value == D("12.5")
    assert parse_value(0.1).value == D("0.1")
    assert str(parse_value(0.1).value) == "0.1"


def test_excel_zero_is_a_value_not_a_blank() -> None:
    parsed = parse_value(0)
    assert parsed.value == D(0)
    assert not parsed.is_blank


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n"])
def test_blank_cell_is_blank_with_no_problem(raw: object) -> None:
    parsed = parse_value(raw)
    assert parsed == ParsedValue(None, None)
    assert parsed.is_blank


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "Rp",
        "1 234",
        "12.345.6",
        "1,234,567",
        ".5",
        "5.",
        "+5",
        "%",
        "-",
        "1e3",
        "3 hari kerja",  # a unit is one plain word
        "12 dok.",
        "12 orang/hari",
        "tujuh belas",
        "12 dan 13",
    ],
)
def test_garbage_becomes_a_problem_naming_the_text(raw: str) -> None:
    parsed = parse_value(raw)
    assert parsed.value is None
    assert parsed.problem == problem_for(raw)
    assert not parsed.is_blank


def test_problem_quotes_the_text_without_the_surrounding_spaces() -> None:
    assert parse_value("  tujuh  ").problem == problem_for("tujuh")


def test_a_boolean_cell_is_not_a_number() -> None:
    assert parse_value(True) == ParsedValue(None, problem_for("True"))
    assert parse_value(False) == ParsedValue(None, problem_for("False"))


def test_double_minus_is_not_a_number() -> None:
    assert parse_value("--5") == ParsedValue(None, problem_for("--5"))


@pytest.mark.parametrize("raw", [float("nan"), float("inf")])
def test_non_finite_float_is_not_a_number(raw: float) -> None:
    parsed = parse_value(raw)
    assert parsed.value is None
    assert parsed.problem is not None


# --- behaviour added with Babel (issue 4); "7 hari", "−5" and "#DIV/0!" moved here from the
# garbage list: a unit word and a unicode minus are now read, a formula error has its own note.


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 dokumen", D(12)),
        ("3 hari", D(3)),
        ("7 hari", D(7)),
        ("98,5 persen", D("98.5")),
        ("1.234 keping", D(1234)),
        ("12dokumen", D(12)),
        ("  12 dokumen ", D(12)),
        ("\u202f85\u00a0%", D(85)),
    ],
)
def test_a_unit_typed_after_the_number_is_accepted(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


@pytest.mark.parametrize(("raw", "expected"), [("−5", D(-5)), ("−12,5", D("-12.5"))])
def test_a_unicode_minus_is_a_minus_for_the_negative_rule_to_flag(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


def test_an_excel_decimal_and_a_python_decimal_are_taken_as_is() -> None:
    assert parse_value(D("12.50")) == ParsedValue(D("12.50"))
    assert parse_value(1234567) == ParsedValue(D(1234567))


def test_a_decimal_nan_is_not_a_number() -> None:
    assert parse_value(D("NaN")).problem == problem_for("NaN")


@pytest.mark.parametrize(
    ("raw", "marker", "example"),
    [
        ("± 300 dok", "±", "300"),
        ("±300", "±", "300"),
        ("+/- 12", "+/-", "12"),
        ("kurang lebih 12,5", "kurang lebih", "12,5"),
        ("Sekitar 1.200", "sekitar", "1.200"),
        ("kira-kira 7000", "kira-kira", "7.000"),
        ("> 95%", ">", "95"),
        ("~40", "~", "40"),
    ],
)
def test_an_estimate_is_refused_with_the_number_it_contains(raw: str, marker: str,
                                                            example: str) -> None:
    assert parse_value(raw) == ParsedValue(None, (
        f'Nilai "{raw}" tidak terbaca sebagai angka. "{marker}" menandakan perkiraan; '
        f"isi satu angka realisasi yang pasti, mis. {example}."))


def test_an_estimate_without_a_readable_number_suggests_the_usual_example() -> None:
    assert parse_value("sekitar seratus").problem == (
        'Nilai "sekitar seratus" tidak terbaca sebagai angka. "sekitar" menandakan perkiraan; '
        "isi satu angka realisasi yang pasti, mis. 12 atau 12,5.")


@pytest.mark.parametrize(
    ("raw", "low", "high"),
    [("10-12", "10", "12"), ("10 - 12", "10", "12"), ("10–12", "10", "12"),
     ("10 s.d. 12", "10", "12"), ("10 s/d 12", "10", "12"), ("1.000 sampai 1.500", "1.000",
                                                               "1.500"),
     ("12,5-13,5 %", "12,5", "13,5")],
)
def test_a_range_is_refused_naming_both_ends(raw: str, low: str, high: str) -> None:
    assert parse_value(raw) == ParsedValue(None, (
        f'Nilai "{raw}" tidak terbaca sebagai angka. Terbaca rentang {low} sampai {high}; '
        "isi satu angka realisasi, bukan rentang."))


def date_problem_for(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Sel berisi tanggal (Excel/Sheets '
            "dapat mengubah isian seperti 12/5 menjadi tanggal); ubah format sel menjadi "
            "teks atau angka, lalu isi angka realisasi, mis. 12 atau 12,5.")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(date(2026, 5, 12), "2026-05-12"), (datetime(2026, 5, 12, 0, 0), "2026-05-12"),
     ("2026-05-12", "2026-05-12"), ("12/5/2026", "12/5/2026"), ("12-05-2026", "12-05-2026")],
)
def test_a_date_in_a_number_cell_says_the_sheet_made_a_date(raw: object, shown: str) -> None:
    assert parse_value(raw) == ParsedValue(None, date_problem_for(shown))


@pytest.mark.parametrize("raw", ["#DIV/0!", "#N/A", "#REF!", "#VALUE!"])
def test_a_formula_error_is_named_as_such(raw: str) -> None:
    assert parse_value(raw) == ParsedValue(None, (
        f'Nilai "{raw}" tidak terbaca sebagai angka. Sel berisi galat rumus; isi angka '
        "hasilnya langsung, mis. 12 atau 12,5."))


def test_a_negative_number_with_a_minus_is_not_a_range() -> None:
    assert parse_value("-10") == ParsedValue(D(-10))
    assert parse_value("- 10") == ParsedValue(D(-10))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(date(2026, 10, 5), date(2026, 10, 5)), (datetime(2026, 10, 5, 14, 30), date(2026, 10, 5)),
     ("2026-10-05", date(2026, 10, 5)), ("05/10/2026", date(2026, 10, 5)),
     ("5-10-2026", date(2026, 10, 5)), ("5 Oktober 2026", date(2026, 10, 5)),
     (" 5 okt 2026 ", date(2026, 10, 5)), ("1 Mei 2026", date(2026, 5, 1))],
)
def test_parse_date_reads_dates_day_first(raw: object, expected: date) -> None:
    assert parse_date(raw) == ParsedDate(expected)


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_parse_date_blank_is_blank(raw: object) -> None:
    assert parse_date(raw) == ParsedDate(None)


@pytest.mark.parametrize("raw", ["31/02/2026", "besok", "46300", "5 Ju 2026"])
def test_parse_date_refuses_what_is_not_one_date(raw: str) -> None:
    assert parse_date(raw) == ParsedDate(None, (
        f'Tanggal "{raw}" tidak terbaca. Isi tanggal seperti 05/10/2026 (hari/bulan/tahun) '
        "atau 2026-10-05."))


def test_a_number_too_large_for_any_realization_gets_a_note() -> None:
    for typed in ("1000000000000000000000000000", 1e30, "3578012345678901"):
        parsed = parse_value(typed)
        assert parsed.value is None
        assert "terlalu besar untuk sebuah realisasi" in (parsed.problem or "")


# --- rupiah amounts (issue 9): "Rp 5.000" moved here from the garbage list. A currency mark is
# read like a unit word, on any indicator; an amount whose separators read two ways is refused.

MONEY_HOW = ("Untuk rupiah, pakai titik sebagai pemisah ribuan dan koma untuk desimal, "
             "mis. Rp 1.500.000 atau Rp 1.500.000,50.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Rp 5.000", D(5000)),
        ("Rp 1.500.000", D(1500000)),
        ("Rp1.500.000,00", D("1500000.00")),
        ("Rp 1.500.000,50", D("1500000.50")),
        ("Rp. 750.000", D(750000)),
        ("Rp.750.000", D(750000)),
        ("IDR 2.500.000", D(2500000)),
        ("idr2.500.000", D(2500000)),
        ("RP 5.000", D(5000)),
        ("rp 5.000", D(5000)),
        ("1.500.000 rupiah", D(1500000)),
        ("1.500.000 Rupiah", D(1500000)),
        ("1.500.000rupiah", D(1500000)),
        ("2.500.000 IDR", D(2500000)),
        ("750.000 Rp.", D(750000)),
        ("Rp 1.500.000,-", D(1500000)),
        ("Rp. 750.000.-", D(750000)),
        ("Rp 1.500", D(1500)),  # dots in groups of three: thousands, as for any number
        ("Rp 1,5", D("1.5")),  # one reading: "1,5" cannot be thousands
        ("Rp 0,500", D("0.5")),  # nor can "0,500": no thousands group starts with 0
        ("Rp 95", D(95)),
        ("Rp 97,5", D("97.5")),
        ("IDR 2,500,000.00", D(2500000)),  # English, as "1,234.5": the only reading
        ("Rp 1,500.00", D(1500)),
        ("\xa0Rp\xa01.500.000\xa0", D(1500000)),
        ("-Rp 5.000", D(-5000)),
        ("Rp -5.000", D(-5000)),
        ("Rp \u22125.000", D(-5000)),
    ],
)
def test_a_rupiah_amount_is_read_like_a_number_with_a_unit(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Rp 1,5 juta", D(1500000)),
        ("Rp 2 juta", D(2000000)),
        ("Rp 1,5 jt", D(1500000)),
        ("Rp 1,5jt.", D(1500000)),
        ("Rp 750 ribu", D(750000)),
        ("Rp 750rb", D(750000)),
        ("Rp 1,25 miliar", D(1250000000)),
        ("2 milyar rupiah", D(2000000000)),
        ("IDR 1,2 triliun", D(1200000000000)),
        ("1,5 juta", D(1500000)),  # a scale word multiplies with or without a currency mark
        ("12 rb", D(12000)),
    ],
)
def test_a_scale_word_multiplies_the_amount(raw: str, expected: D) -> None:
    assert parse_value(raw) == ParsedValue(expected)


def test_a_scaled_amount_is_exact_not_rounded() -> None:
    value = parse_value("Rp 1,234567 juta").value
    assert value == D(1234567)
    assert format(value, "f") == "1234567.000000"


@pytest.mark.parametrize(
    ("raw", "as_read", "as_thousands"),
    [
        ("Rp 1,500", "1,5", "1.500"),
        ("Rp 12,500", "12,5", "12.500"),
        ("rp125,000", "125", "125.000"),
        ("1,500 rupiah", "1,5", "1.500"),
        ("Rp 1.500,000", "1.500", "1.500.000"),
        ("Rp 1.500.000,000", "1.500.000", "1.500.000.000"),
        ("IDR 1,500.000", "1.500", "1.500.000"),
        ("Rp 1,500 juta", "1.500.000", "1.500.000.000"),
        ("Rp 1,500,-", "1,5", "1.500"),
    ],
)
def test_an_amount_that_reads_two_ways_is_refused_naming_both(raw: str, as_read: str,
                                                               as_thousands: str) -> None:
    parsed = parse_value(raw)
    assert parsed.value is None
    assert f"dapat dibaca dua cara: {as_read} atau {as_thousands}," in (parsed.problem or "")


def test_the_two_readings_note_says_why_and_how_to_write_rupiah() -> None:
    assert parse_value("Rp 1,500") == ParsedValue(None, (
        'Nilai "Rp 1,500" tidak terbaca sebagai angka. Jumlah ini dapat dibaca dua cara: '
        "1,5 atau 1.500, karena pemisahnya dapat berarti desimal atau ribuan. " + MONEY_HOW))


def test_without_a_currency_a_comma_before_three_digits_keeps_its_indonesian_reading() -> None:
    # a percentage or a count may well have three decimals; rupiah practically never do
    assert parse_value("1,500") == ParsedValue(D("1.5"))
    assert parse_value("1,500 dokumen") == ParsedValue(D("1.5"))


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("Rp 1.500,000.00", "Titik dan koma tercampur, sehingga tidak jelas mana pemisah ribuan "
                            "dan mana desimal. "),
        ("Rp 1,500.000,00", "Titik dan koma tercampur, sehingga tidak jelas mana pemisah ribuan "
                            "dan mana desimal. "),
        ("Rp 1,500,000", "Koma dipakai sebagai pemisah ribuan, padahal dalam penulisan "
                         "Indonesia koma adalah tanda desimal. "),
        ("1,500,000 rupiah", "Koma dipakai sebagai pemisah ribuan, padahal dalam penulisan "
                             "Indonesia koma adalah tanda desimal. "),
        ("Rp 12.345.6", ""),
        ("Rp 1.50.000", ""),
    ],
)
def test_an_amount_whose_separators_give_no_number_says_what_is_wrong(raw: str,
                                                                      why: str) -> None:
    assert parse_value(raw) == ParsedValue(
        None, f'Nilai "{raw}" tidak terbaca sebagai angka. {why}{MONEY_HOW}')


@pytest.mark.parametrize("raw", ["Rp", "Rp abc", "-Rp -5", "Rp 1 500 000", "Rp 5.000 per bulan",
                                 "juta", "Rp1e6"])
def test_a_currency_mark_without_one_amount_is_not_a_number(raw: str) -> None:
    assert parse_value(raw) == ParsedValue(None, problem_for(raw))


def test_an_estimated_amount_is_refused_with_the_amount_it_contains() -> None:
    assert parse_value("sekitar Rp 1,5 juta").problem == (
        'Nilai "sekitar Rp 1,5 juta" tidak terbaca sebagai angka. "sekitar" menandakan '
        "perkiraan; isi satu angka realisasi yang pasti, mis. 1.500.000.")
    assert parse_value("± Rp 750.000").problem == (
        'Nilai "± Rp 750.000" tidak terbaca sebagai angka. "±" menandakan perkiraan; isi satu '
        "angka realisasi yang pasti, mis. 750.000.")


@pytest.mark.parametrize("raw", ["Rp 1.000.000 - Rp 1.500.000", "Rp 1.000.000-1.500.000",
                                 "Rp 1 juta s.d. Rp 1,5 juta"])
def test_a_range_of_amounts_is_refused_naming_both_ends(raw: str) -> None:
    assert parse_value(raw) == ParsedValue(None, (
        f'Nilai "{raw}" tidak terbaca sebagai angka. Terbaca rentang 1.000.000 sampai '
        "1.500.000; isi satu angka realisasi, bukan rentang."))


def test_an_amount_too_large_for_any_budget_gets_a_note() -> None:
    assert parse_value("Rp 3.000 triliun").problem == (
        'Nilai "Rp 3.000 triliun" terlalu besar untuk sebuah realisasi. Periksa kembali '
        "angkanya, mis. 12 atau 12,5.")
    assert parse_value("Rp 999 triliun") == ParsedValue(D(999 * 10**12))
