"""Reporting periods written YYYY-MM."""

from datetime import date

import pytest

from service.domain.period import BULAN, Period


def test_parse_reads_year_and_month() -> None:
    assert Period.parse("2026-10") == Period(2026, 10)


def test_parse_ignores_surrounding_whitespace() -> None:
    assert Period.parse("  2026-03\n") == Period(2026, 3)


@pytest.mark.parametrize(
    "text", ["2026-1", "2026/10", "26-10", "10-2026", "2026-10-01", "Oktober 2026", "", "202610"]
)
def test_parse_refuses_other_forms_with_the_expected_form_in_the_message(text: str) -> None:
    with pytest.raises(ValueError) as error:
        Period.parse(text)
    assert str(error.value) == (
        f"periode {text!r} tidak valid: gunakan format YYYY-MM, mis. 2026-10"
    )


@pytest.mark.parametrize(("text", "month"), [("2026-13", 13), ("2026-00", 0)])
def test_parse_refuses_a_month_outside_one_to_twelve(text: str, month: int) -> None:
    with pytest.raises(ValueError) as error:
        Period.parse(text)
    assert str(error.value) == f"bulan harus 1-12, bukan {month}"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_constructor_refuses_a_month_outside_one_to_twelve(month: int) -> None:
    with pytest.raises(ValueError, match=f"^bulan harus 1-12, bukan {month}$"):
        Period(2026, month)


def test_str_is_zero_padded_yyyy_mm_and_round_trips() -> None:
    assert str(Period(2026, 3)) == "2026-03"
    for month in range(1, 13):
        period = Period(2026, month)
        assert Period.parse(str(period)) == period


def test_next_within_a_year() -> None:
    assert Period(2026, 10).next() == Period(2026, 11)
    assert Period(2026, 11).next() == Period(2026, 12)


def test_next_of_december_is_january_of_the_next_year() -> None:
    assert Period(2026, 12).next() == Period(2027, 1)


def test_previous_within_a_year() -> None:
    assert Period(2026, 10).previous() == Period(2026, 9)
    assert Period(2026, 2).previous() == Period(2026, 1)


def test_previous_of_january_is_december_of_the_year_before() -> None:
    assert Period(2027, 1).previous() == Period(2026, 12)


def test_next_and_previous_walk_a_whole_year_and_back() -> None:
    period = Period(2026, 1)
    seen = []
    for _ in range(12):
        seen.append(str(period))
        period = period.next()
    assert period == Period(2027, 1)
    assert seen == [f"2026-{m:02d}" for m in range(1, 13)]
    for _ in range(12):
        period = period.previous()
    assert period == Period(2026, 1)


def test_next_and_previous_are_inverse_for_every_month() -> None:
    for month in range(1, 13):
        period = Period(2026, month)
        assert period.next().previous() == period
        assert period.previous().next() == period


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2026, 1), "Januari 2026"),
        (Period(2026, 2), "Februari 2026"),
        (Period(2026, 8), "Agustus 2026"),
        (Period(2026, 10), "Oktober 2026"),
        (Period(2026, 12), "Desember 2026"),
    ],
)
def test_label_is_the_indonesian_month_name_and_year(period: Period, label: str) -> None:
    assert period.label == label


def test_bulan_lists_the_twelve_indonesian_months_in_order() -> None:
    assert BULAN == (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    )


def test_first_day_is_the_first_of_the_month() -> None:
    assert Period(2026, 2).first_day == date(2026, 2, 1)


def test_periods_sort_chronologically_across_years() -> None:
    periods = [Period(2027, 1), Period(2026, 12), Period(2026, 2)]
    assert sorted(periods) == [Period(2026, 2), Period(2026, 12), Period(2027, 1)]
    assert Period(2026, 12) < Period(2027, 1)


def test_periods_are_hashable_and_equal_by_value() -> None:
    assert {Period(2026, 10), Period.parse("2026-10")} == {Period(2026, 10)}
