"""The text a typed cell is remembered as must read back as the same number."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.domain import parse_value
from service.jobs.parts.rows import as_text


@pytest.mark.parametrize(
    ("cell", "text"),
    [(1.234, "1.2340"), (12.345, "12.3450"), (12.5, "12.5"), (0.955, "0.955"), (100.0, "100"),
     (1e-07, "0.0000001"), (7, "7"), ("1.234", "1.234"), (None, None), (True, "True")],
)
def test_as_text_keeps_one_reading(cell: object, text: str | None) -> None:
    assert as_text(cell) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [1.234, 12.345, 2.125, 999.999, 0.5, 1e14, 123456.789])
def test_a_number_from_the_sheet_reads_back_as_itself(number: float) -> None:
    assert parse_value(as_text(number)).value == D(repr(number))
