"""Cell-level reads and writes on a Spreadsheet: evaluation, rendering, grid data, trimming."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import values as v
from .a1 import WHOLE, Bounds, parse_cells, split_sheet
from .errors import ApiError, bad_request
from .formula import evaluate
from .state import Sheet, Spreadsheet

SERIAL = "SERIAL_NUMBER"
# Internal cell key (never output): the locale a formula was written in. Sheets parses a
# formula with the locale of the moment and converts stored ones when the locale changes
# (Stack Overflow 73767719: change the locale, enter the formula, change it back), so a
# later locale change must not break formulas already in the sheet.
FORMULA_LOCALE = "_formulaLocale"
CELL_LIMIT = 10_000_000  # cells per spreadsheet (workspaceupdates.googleblog.com 2022-03)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Evaluator:
    """Evaluates cells of one spreadsheet for one request, caching results and detecting
    circular references (reported as #REF! like Sheets)."""

    def __init__(self, ss: Spreadsheet) -> None:
        self.ss = ss
        self.cache: dict[tuple[int, int, int], v.Scalar] = {}
        self.active: set[tuple[int, int, int]] = set()

    def value(self, sheet: Sheet, r: int, c: int) -> v.Scalar:
        key = (sheet.sheet_id, r, c)
        if key in self.cache:
            return self.cache[key]
        cell = sheet.cells.get((r, c), {})
        entered = cell.get("userEnteredValue")
        if not entered or "formulaValue" not in entered:
            return v.scalar_of(entered)
        if key in self.active:
            return v.FormulaError("#REF!", "Circular dependency detected.")
        self.active.add(key)
        try:
            locale = cell.get(FORMULA_LOCALE, self.ss.locale)
            result = evaluate(
                entered["formulaValue"], lambda t, b: self._resolve(sheet, t, b), locale
            )
        finally:
            self.active.discard(key)
        if isinstance(result, float):
            result = v.to_number(round(result, 12))
        self.cache[key] = result
        return result

    def _resolve(self, home: Sheet, title: str | None, b: Bounds) -> list[list[v.Scalar]]:
        sheet = home if title is None else self.ss.sheet_by_title(title)
        if sheet is None:
            return [[v.FormulaError("#REF!", f"Unresolved sheet name '{title}'.")]]
        rb = b.resolve(sheet.rows, sheet.cols)
        assert rb.r0 is not None and rb.r1 is not None and rb.c0 is not None
        assert rb.c1 is not None
        return [[self.value(sheet, r, c) for c in range(rb.c0, rb.c1)] for r in range(rb.r0, rb.r1)]

    def render(self, sheet: Sheet, r: int, c: int, option: str, dates: str = SERIAL) -> Any:
        """One cell as values.get renders it; None for an empty cell.

        `dates` is dateTimeRenderOption: with FORMATTED_STRING a date/time-formatted number
        reads as its formatted text even in UNFORMATTED_VALUE (ignored for FORMATTED_VALUE)."""
        cell = sheet.cells.get((r, c), {})
        entered = cell.get("userEnteredValue")
        if option == "FORMULA" and entered and "formulaValue" in entered:
            return entered["formulaValue"]
        value = self.value(sheet, r, c)
        fmt = cell.get("userEnteredFormat", {}).get("numberFormat")
        if option in ("UNFORMATTED_VALUE", "FORMULA"):
            kind = (fmt or {}).get("type")
            if dates == "FORMATTED_STRING" and kind in v.DATE_TYPES and _is_number(value):
                return v.formatted(value, fmt)
            return v.unformatted(value)
        return v.formatted(value, fmt)

    def cell_data(self, sheet: Sheet, r: int, c: int) -> dict[str, Any]:
        """Full CellData as spreadsheets.get returns it with grid data."""
        cell = sheet.cells.get((r, c))
        if not cell:
            return {}
        out: dict[str, Any] = {}
        if "userEnteredValue" in cell:
            out["userEnteredValue"] = dict(cell["userEnteredValue"])
            value = self.value(sheet, r, c)
            eff = v.effective_json(value)
            if eff is not None:
                out["effectiveValue"] = eff
                fmt = cell.get("userEnteredFormat", {}).get("numberFormat")
                out["formattedValue"] = v.formatted(value, fmt)
        if "userEnteredFormat" in cell:
            out["userEnteredFormat"] = with_color_styles(cell["userEnteredFormat"])
        for key in ("note", "dataValidation", "hyperlink", "textFormatRuns"):
            if key in cell:
                out[key] = cell[key]
        return out


def with_color_styles(fmt: dict[str, Any]) -> dict[str, Any]:
    """Google echoes every colour also as a `...ColorStyle.rgbColor` sibling."""
    out = {k: (with_color_styles(x) if isinstance(x, dict) else x) for k, x in fmt.items()}
    for key in list(out):
        if key.endswith("Color") and isinstance(out[key], dict) and key + "Style" not in out:
            out[key + "Style"] = {"rgbColor": dict(out[key])}
    return out


def locate(ss: Spreadsheet, text: str) -> tuple[Sheet, Bounds]:
    """Resolve an A1 string: a bare name of an existing sheet wins over a cell reference."""
    name, cells = split_sheet(text)
    if name is None and cells is not None and ss.sheet_by_title(cells):
        name, cells = cells, None
    if name is None:
        sheet = ss.sheets[0]
    else:
        found = ss.sheet_by_title(name)
        if found is None:
            raise bad_request(f"Unable to parse range: {text}")
        sheet = found
    return sheet, (parse_cells(cells) if cells else WHOLE)


def resolved(sheet: Sheet, b: Bounds, text: str, strict: bool = True) -> Bounds:
    """Fill open edges with the grid size; reading outside the grid is a 400 like Google."""
    rb = b.resolve(sheet.rows, sheet.cols)
    assert rb.r1 is not None and rb.c1 is not None
    if strict and (rb.r1 > sheet.rows or rb.c1 > sheet.cols):
        raise beyond_grid(sheet, text)
    return rb


def beyond_grid(sheet: Sheet, printed: str, prefix: str = "") -> ApiError:
    """Google's 400 for a range past rowCount/columnCount, reads and writes alike, e.g.
    "Range ('Tab'!A1017) exceeds grid limits. Max rows: 1016, max columns: 26"
    (jroehl/gsheet.action#611, Sage-Bionetworks/schematic#1318). Nothing grows."""
    return bad_request(
        f"{prefix}Range ({printed}) exceeds grid limits. "
        f"Max rows: {sheet.rows}, max columns: {sheet.cols}"
    )


def check_in_grid(sheet: Sheet, b: Bounds, printed: str, prefix: str = "") -> None:
    """Raise `beyond_grid` when resolved bounds `b` reach past the sheet."""
    assert b.r1 is not None and b.c1 is not None
    if b.r1 > sheet.rows or b.c1 > sheet.cols:
        raise beyond_grid(sheet, printed, prefix)


def check_cell_limit(ss: Spreadsheet, where: str) -> None:
    """Growing a sheet past 10 million cells in the spreadsheet is refused (the message of
    nithinmurali/pygsheets#589 and robin900/gspread-dataframe#37)."""
    if sum(s.rows * s.cols for s in ss.sheets) > CELL_LIMIT:
        raise bad_request(
            f"{where}: This action would increase the number of cells in the workbook "
            f"above the limit of {CELL_LIMIT} cells."
        )


def cells_in(b: Bounds) -> Iterator[tuple[int, int]]:
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    for r in range(b.r0, b.r1):
        for c in range(b.c0, b.c1):
            yield r, c


def trim_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty cells per row and trailing empty rows; inner gaps become ""."""
    out = []
    for row in rows:
        while row and row[-1] is None:
            row.pop()
        out.append(["" if x is None else x for x in row])
    while out and not out[-1]:
        out.pop()
    return out


def read_values(
    ss: Spreadsheet, sheet: Sheet, b: Bounds, option: str, major: str, dates: str = SERIAL
) -> list:
    ev = Evaluator(ss)
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    rows, cols = range(b.r0, b.r1), range(b.c0, b.c1)
    if major == "COLUMNS":
        grid = [[ev.render(sheet, r, c, option, dates) for r in rows] for c in cols]
    else:
        grid = [[ev.render(sheet, r, c, option, dates) for c in cols] for r in rows]
    return trim_rows(grid)


def set_value(ss: Spreadsheet, sheet: Sheet, r: int, c: int, raw: Any, option: str) -> None:
    """Write one value as RAW or USER_ENTERED; None leaves the cell as it is."""
    if raw is None:
        return
    cell = sheet.cells.setdefault((r, c), {})
    if option == "RAW":
        entered, number_format = v.raw_input(raw), None
    else:
        kind = cell.get("userEnteredFormat", {}).get("numberFormat", {}).get("type")
        entered, number_format = v.user_entered_input(raw, ss.locale, kind == "TEXT")
    if entered is None:
        cell.pop("userEnteredValue", None)
    else:
        cell["userEnteredValue"] = entered
    stamp_formula(ss, cell)
    if number_format:
        fmt = cell.setdefault("userEnteredFormat", {})
        fmt.setdefault("numberFormat", number_format)
    if not cell:
        del sheet.cells[(r, c)]


def stamp_formula(ss: Spreadsheet, cell: dict[str, Any]) -> None:
    """Remember the locale a formula was entered in (see FORMULA_LOCALE)."""
    if "formulaValue" in (cell.get("userEnteredValue") or {}):
        cell[FORMULA_LOCALE] = ss.locale
    else:
        cell.pop(FORMULA_LOCALE, None)


def clear_values(sheet: Sheet, b: Bounds) -> None:
    for key in [k for k in sheet.cells if _inside(k, b)]:
        sheet.cells[key].pop("userEnteredValue", None)
        sheet.cells[key].pop(FORMULA_LOCALE, None)
        if not sheet.cells[key]:
            del sheet.cells[key]


def _inside(key: tuple[int, int], b: Bounds) -> bool:
    r, c = key
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    return b.r0 <= r < b.r1 and b.c0 <= c < b.c1


def last_data_row(sheet: Sheet, c0: int, c1: int) -> int:
    """Index after the last row holding a value in columns [c0, c1) (for values.append)."""
    rows = [
        r for (r, c), cell in sheet.cells.items() if c0 <= c < c1 and "userEnteredValue" in cell
    ]
    return max(rows) + 1 if rows else 0


def grid_data(ss: Spreadsheet, sheet: Sheet, b: Bounds, ev: Evaluator) -> dict[str, Any]:
    """GridData for a range: rowData of full CellData, untrimmed (trim after masking)."""
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    data: dict[str, Any] = {}
    if b.r0:
        data["startRow"] = b.r0
    if b.c0:
        data["startColumn"] = b.c0
    data["rowData"] = [
        {"values": [ev.cell_data(sheet, r, c) for c in range(b.c0, b.c1)]}
        for r in range(b.r0, b.r1)
    ]
    return data


def trim_grid(data: dict[str, Any]) -> dict[str, Any]:
    """After masking: drop trailing empty cells/rows, `{}` for empty rows, no empty rowData."""
    rows = data.get("rowData")
    if rows is None:
        return data
    out_rows = []
    for row in rows:
        cells = list(row.get("values", []))
        while cells and not cells[-1]:
            cells.pop()
        rest = {k: x for k, x in row.items() if k != "values"}
        out_rows.append({**rest, "values": cells} if cells else rest)
    while out_rows and not out_rows[-1]:
        out_rows.pop()
    trimmed = {k: x for k, x in data.items() if k != "rowData"}
    if out_rows:
        trimmed["rowData"] = out_rows
    return trimmed
