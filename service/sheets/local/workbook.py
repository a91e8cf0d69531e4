"""How the local backend keeps what a bare `.xlsx` has no place for: named protections and
spreadsheet properties live in a very hidden `_kinerja` tab, and each cell's lock is derived
from the protections that cover it (Excel and LibreOffice enforce it under sheet protection).

The properties are also copied, once the workbook is saved, to a small JSON file in the
folder's `.kinerja/` directory, so that listing a folder needs no workbook opened; the
workbook stays the truth when that copy is missing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.styles.protection import Protection as CellProtection
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from service.sheets.local.print_setup import FONT, apply_print_setup
from service.sheets.port import Formula, Protection, WorkbookSpec

META_TAB = "_kinerja"
SIDECAR_DIR = ".kinerja"
LOCKED = CellProtection(locked=True)
UNLOCKED = CellProtection(locked=False)


def set_literal(cell: Cell, value: object) -> None:
    """Text that looks like a formula ("=...") is stored as a string cell, never a formula:
    openpyxl takes any str starting with "=" for one."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def build_workbook(spec: WorkbookSpec, properties: dict[str, str]) -> Workbook:
    """The whole workbook of `spec` in memory, saved by the caller in one atomic replace."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for tab in spec.tabs:
        sheet = workbook.create_sheet(tab.title)
        for r, row in enumerate(tab.rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, Formula):
                    sheet.cell(r, c).value = value.text
                elif value is not None:
                    set_literal(sheet.cell(r, c), value)  # roster text is never a formula
        for r in tab.bold_rows:
            for cell in sheet[r]:
                cell.font = Font(name=FONT, bold=True)  # unnamed, LibreOffice prints a serif
        for letter, width in tab.column_widths.items():
            sheet.column_dimensions[letter].width = width
        if tab.frozen_rows:
            sheet.freeze_panes = f"A{tab.frozen_rows + 1}"
        for cell in tab.checkboxes:
            add_list_validation(sheet, cell, ("TRUE", "FALSE"))
        for a1, options in tab.dropdowns:
            add_list_validation(sheet, a1, options)
        for a1 in tab.text_ranges:
            _format_as_text(sheet, a1)
        if tab.print_setup is not None:
            apply_print_setup(sheet, tab.print_setup)
    meta = workbook.create_sheet(META_TAB)
    meta.sheet_state = "veryHidden"
    for key, value in properties.items():
        meta.append(["property", key, value])
    for email in spec.share_with:
        meta.append(["shared", email])
    write_protections(workbook, spec.protections)
    return workbook


def _format_as_text(sheet: Worksheet, a1: str) -> None:
    """Number format "@" (Text): Excel and LibreOffice keep what is typed there as text, so
    "85%", "7.300" or "12,5" reach the service's parser as typed, not as their reading."""
    min_col, min_row, max_col, max_row = range_boundaries(a1)
    for row in sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                               max_col=max_col):
        for cell in row:
            cell.number_format = "@"


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
    # Empty trailing cells do not survive a save, so a row may be shorter than it was written:
    # a range of "" (the whole tab) reads back as nothing, as do no editors and no description.
    rows = [(*r, None, None, None)[:6] for r in meta_rows(workbook) if r and r[0] == "protect"]
    return [
        Protection(
            name=r[1],
            tab=r[2],
            a1_range=r[3] or "",
            editors=tuple(e for e in (r[4] or "").split(",") if e),
            description=r[5] or "",
        )
        for r in rows
    ]


Bounds = tuple[int | None, int | None, int | None, int | None]  # min_col, min_row, max_col, max_row


def bounds(a1: str) -> Bounds:
    """Bounds of an A1 range, None where it is open: "" is the whole tab, "A:C" whole
    columns, "3:5" whole rows (as a Google GridRange without those indexes)."""
    if not a1:
        return (None, None, None, None)
    return range_boundaries(a1)


def _covers(b: Bounds, row: int, col: int) -> bool:
    min_col, min_row, max_col, max_row = b
    return ((min_row is None or row >= min_row) and (max_row is None or row <= max_row)
            and (min_col is None or col >= min_col) and (max_col is None or col <= max_col))


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
    open_ended: dict[str, list[Bounds]] = {}  # whole tabs, columns or rows
    for p in protections:
        if p.editors:
            continue
        min_col, min_row, max_col, max_row = box = bounds(p.a1_range)
        if min_col is None or min_row is None or max_col is None or max_row is None:
            open_ended.setdefault(p.tab, []).append(box)
            continue
        locked.setdefault(p.tab, set()).update(
            (r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
        )
    for sheet in workbook.worksheets:
        if sheet.title == META_TAB:
            continue
        closed = locked.get(sheet.title, set())
        wide = open_ended.get(sheet.title, [])
        for row in sheet.iter_rows(
            min_row=1, max_row=max(sheet.max_row, 1), max_col=max(sheet.max_column, 1)
        ):
            for cell in row:
                shut = (cell.row, cell.column) in closed or any(
                    _covers(b, cell.row, cell.column) for b in wide)
                cell.protection = LOCKED if shut else UNLOCKED
        sheet.protection.sheet = True
        sheet.protection.formatCells = False
        sheet.protection.formatColumns = False


def workbook_properties(workbook: Workbook) -> dict[str, str]:
    return {r[1]: r[2] for r in meta_rows(workbook) if r and r[0] == "property"}


def sidecar_path(path: Path) -> Path:
    return path.parent / SIDECAR_DIR / f"{path.name}.json"


def write_sidecar(path: Path, properties: dict[str, str]) -> None:
    """Written atomically after the workbook is saved (a kill leaves none, not half of one)."""
    target = sidecar_path(path)
    target.parent.mkdir(exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_text(json.dumps(properties, ensure_ascii=False, sort_keys=True), "utf-8")
    os.replace(temp, target)


def read_sidecar(path: Path) -> dict[str, str] | None:
    try:
        found = json.loads(sidecar_path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else None


def remove_sidecar(path: Path) -> None:
    sidecar_path(path).unlink(missing_ok=True)
