"""Turn the grid read from one official's sheet into rows keyed by indicator code.

Rows are found by their code, not their position, so a row a person inserted or deleted
does not shift realizations onto the wrong indicator; every structural surprise becomes a
finding on the report, and the agreement stays authoritative for targets and names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.domain.agreement import Indicator
from service.sheets.layout import OfficialLayout, is_ticked
from service.sheets.port import CellValue, Grid

PERSON_FIELDS = ("realization", "evidence", "obstacles", "follow_up")
EXTRA_ROWS = 20  # read a little below the table to see rows people appended


@dataclass
class SheetRow:
    row: int  # sheet row number
    cells: dict[str, CellValue]


@dataclass
class OfficialReading:
    submitted: bool
    rows: dict[str, SheetRow] = field(default_factory=dict)
    structure: list[str] = field(default_factory=list)


def read_range(layout: OfficialLayout, indicator_count: int) -> tuple[str, str]:
    table = layout.table
    last = table.last_data_row(indicator_count) + EXTRA_ROWS
    return table.tab, f"A1:{table.last_col}{last}"


def _cell(grid: Grid, row: int, col: int) -> CellValue:
    """1-based lookup in a trimmed grid; missing means blank."""
    if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
        return grid[row - 1][col - 1]
    return None


def parse_official_grid(
    layout: OfficialLayout, indicators: tuple[Indicator, ...], grid: Grid, month: int
) -> OfficialReading:
    table = layout.table
    reading = OfficialReading(submitted=is_ticked(_cell(grid, layout.submit_row, 2)))
    if not grid:
        reading.structure.append(f"tab '{table.tab}' hilang atau kosong")
        return reading
    code_col = [c.key for c in table.columns].index("code") + 1
    wanted = {i.code: i for i in indicators}
    seen: dict[str, int] = {}
    for row in range(table.first_data_row, len(grid) + 1):
        code = _cell(grid, row, code_col)
        values = {c.key: _cell(grid, row, i) for i, c in enumerate(table.columns, start=1)}
        if code is None:
            if any(values[k] is not None for k in PERSON_FIELDS):
                reading.structure.append(f"baris {row} berisi data tanpa kode indikator")
            continue
        code = str(code).strip()
        if code not in wanted:
            reading.structure.append(f"baris {row}: kode '{code}' tidak ada di perjanjian kinerja")
            continue
        if code in seen:
            reading.structure.append(f"kode {code} muncul dua kali (baris {seen[code]} dan {row})")
            continue
        seen[code] = row
        reading.rows[code] = SheetRow(row, values)
        expected_row = table.first_data_row + list(wanted).index(code)
        if row != expected_row:
            reading.structure.append(
                f"indikator {code} berpindah dari baris {expected_row} ke baris {row}"
            )
        _check_agreed_values(reading, wanted[code], values, month)
    for code in wanted:
        if code not in seen:
            reading.structure.append(f"baris indikator {code} hilang dari lembar")
    return reading


def _check_agreed_values(
    reading: OfficialReading, indicator: Indicator, values: dict[str, CellValue], month: int
) -> None:
    """Targets and names are locked, but an owner or a copy can still change them."""
    name = values.get("indicator")
    if name is not None and str(name).strip() != indicator.name:
        reading.structure.append(f"nama indikator {indicator.code} diubah di lembar")
    target = values.get("target")
    try:
        same = target is not None and float(target) == float(indicator.target_for(month))
    except (TypeError, ValueError):
        same = False
    if not same:
        reading.structure.append(
            f"target {indicator.code} di lembar ({target}) berbeda dari perjanjian kinerja"
        )


def grid_cells(layout: OfficialLayout, grid: Grid) -> dict[tuple[str, str], CellValue]:
    """The grid read from A1 as {(tab, A1 cell): value}, to compare with what to write."""
    tab = layout.table.tab
    return {
        (tab, f"{column.letter}{r}"): row[i] if i < len(row) else None
        for r, row in enumerate(grid, start=1)
        for i, column in enumerate(layout.table.columns)
    }

