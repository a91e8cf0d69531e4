"""How the local backend keeps what a bare `.xlsx` has no place for: named protections and
spreadsheet properties live in a very hidden `_kinerja` tab, and each cell's lock is derived
from the protections that cover it (Excel and LibreOffice enforce it under sheet protection).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles.protection import Protection as CellProtection
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from service.sheets.port import Protection

META_TAB = "_kinerja"
LOCKED = CellProtection(locked=True)
UNLOCKED = CellProtection(locked=False)


def add_list_validation(sheet: Worksheet, a1: str, options: Sequence[str]) -> None:
    validation = DataValidation(
        type="list", formula1='"' + ",".join(options) + '"', allow_blank=True
    )
    validation.add(a1)
    sheet.add_data_validation(validation)


def meta_rows(workbook: Workbook) -> list[tuple]:
    if META_TAB not in workbook.sheetnames:
        return []
    return [tuple(row) for row in workbook[META_TAB].iter_rows(values_only=True)]


def read_protections(workbook: Workbook) -> list[Protection]:
    return [
        Protection(
            name=r[1],
            tab=r[2],
            a1_range=r[3],
            editors=tuple(e for e in (r[4] or "").split(",") if e),
            description=r[5] or "",
        )
        for r in meta_rows(workbook)
        if r and r[0] == "protect"
    ]


def write_protections(workbook: Workbook, protections: list[Protection]) -> None:
    """Store the named protections and re-derive every cell's lock from them."""
    meta = workbook[META_TAB]
    kept = [r for r in meta_rows(workbook) if r and r[0] != "protect"]
    meta.delete_rows(1, meta.max_row)
    for row in kept:
        meta.append(list(row))
    for p in sorted(protections, key=lambda p: p.name):
        meta.append(["protect", p.name, p.tab, p.a1_range, ",".join(p.editors), p.description])
    locked: dict[str, set[tuple[int, int]]] = {}
    for p in protections:
        if p.editors:
            continue
        min_col, min_row, max_col, max_row = range_boundaries(p.a1_range)
        cells = locked.setdefault(p.tab, set())
        cells.update(
            (r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        )
    for sheet in workbook.worksheets:
        if sheet.title == META_TAB:
            continue
        closed = locked.get(sheet.title, set())
        for row in sheet.iter_rows(
            min_row=1, max_row=max(sheet.max_row, 1), max_col=max(sheet.max_column, 1)
        ):
            for cell in row:
                cell.protection = LOCKED if (cell.row, cell.column) in closed else UNLOCKED
        sheet.protection.sheet = True
        sheet.protection.formatCells = False
        sheet.protection.formatColumns = False
