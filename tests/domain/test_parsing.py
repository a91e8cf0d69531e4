"""Reading a realization the way an Indonesian office types it."""

from decimal import Decimal as D

import pytest

from service.domain.parsing import ParsedValue, parse_value


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
        "7 hari",
        "Rp 5.000",
        "1 234",
        "12.345.6",
        "1,234,567",
        ".5",
        "5.",
        "+5",
        "%",
        "-",
        "1e3",
        "−5",  # unicode minus sign
        "#DIV/0!",
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
