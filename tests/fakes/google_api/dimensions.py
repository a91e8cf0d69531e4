"""Rows and columns: appendDimension, insertDimension, deleteDimension, resizing a sheet
(updateSheetProperties gridProperties) and updateDimensionProperties.

Why this is modelled: writes past rowCount/columnCount are refused (sheets_values.py), so a
client must grow the grid first, and people insert and delete rows in the UI. As in Sheets:
- cells below/right of an insertion or deletion move, and with them their notes, data
  validations and formats (all stored on the cell); row heights / column widths move too;
- protected ranges move with their cells; one that contains the insertion point grows, and
  one whose rows (columns) are all deleted goes away;
- a person who may not edit a protected range cannot delete rows (columns) it spans, nor
  insert inside it (it would have to grow): 403 "You are trying to edit a protected cell"
  (the refusal of deletions is Sheets' documented protection; refusing insertions inside a
  protected range is this fake's reading, UNVERIFIED); inserting above or below is allowed;
- a spreadsheet may hold at most 10 million cells (grid.check_cell_limit).
Not modelled: formulas are not rewritten to follow moved cells, and merges, named ranges,
filters and conditional formats do not exist here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import grid, protection
from .a1 import format_range, grid_range_to_bounds
from .errors import bad_request, protected
from .sheets_values import Ctx
from .state import Sheet

ROWS, COLUMNS = "ROWS", "COLUMNS"
# GridRange keys along each dimension.
KEYS = {ROWS: ("startRowIndex", "endRowIndex"), COLUMNS: ("startColumnIndex", "endColumnIndex")}
Move = Callable[[int], int | None]  # old index -> new index, None when the index is deleted


def _sheet(ctx: Ctx, sheet_id: Any, where: str) -> Sheet:
    sheet = ctx.ss.sheet_by_id(sheet_id or 0)
    if sheet is None:
        raise bad_request(f"Invalid requests[{where}]: No grid with id: {sheet_id}")
    return sheet


def _dimension(value: Any, where: str, kind: str) -> str:
    if value not in (ROWS, COLUMNS):
        raise bad_request(f"Invalid requests[{where}].{kind}: dimension must be ROWS or COLUMNS.")
    return str(value)


def size(sheet: Sheet, dim: str) -> int:
    return sheet.rows if dim == ROWS else sheet.cols


def _set_size(sheet: Sheet, dim: str, value: int) -> None:
    if dim == ROWS:
        sheet.rows = value
    else:
        sheet.cols = value


def _span(ctx: Ctx, rng: dict[str, Any], where: str, kind: str) -> tuple[Sheet, str, int, int]:
    """(sheet, dimension, start, end) of a DimensionRange, refused when it leaves the grid."""
    sheet = _sheet(ctx, rng.get("sheetId"), where)
    dim = _dimension(rng.get("dimension"), where, kind)
    start = rng.get("startIndex") or 0
    end = size(sheet, dim) if rng.get("endIndex") is None else rng["endIndex"]
    if start < 0 or end > size(sheet, dim) or start >= end:
        raise bad_request(
            f"Invalid requests[{where}].{kind}: Range [{start}, {end}) of {dim.lower()} is "
            f"outside the grid. Max rows: {sheet.rows}, max columns: {sheet.cols}"
        )
    return sheet, dim, start, end


def _span_of(pr: dict[str, Any], dim: str) -> tuple[int, int | None]:
    lo, hi = KEYS[dim]
    rng = pr.get("range") or {}
    return rng.get(lo) or 0, rng.get(hi)


def _refuse_unless_editor(ctx: Ctx, sheet: Sheet, dim: str, touches: Callable) -> None:
    """403 when a range `email` may not edit is touched (`touches(start, end)`)."""
    for pr in sheet.protected:
        if not protection.may_edit(ctx.file, pr, ctx.email) and touches(*_span_of(pr, dim)):
            raise protected()


def _move(sheet: Sheet, dim: str, move: Move) -> None:
    """Renumber cells, dimension properties and protected ranges along `dim`."""
    axis = 0 if dim == ROWS else 1
    cells = {}
    for key, cell in sheet.cells.items():
        new = move(key[axis])
        if new is not None:
            cells[(new, key[1]) if axis == 0 else (key[0], new)] = cell
    sheet.cells = cells
    props = sheet.dimensions.get(dim, {})
    moved = {move(i): p for i, p in props.items()}
    sheet.dimensions[dim] = {i: p for i, p in moved.items() if i is not None}
    lo, hi = KEYS[dim]
    for pr in list(sheet.protected):
        ranges = [pr.get("range") or {}, *(pr.get("unprotectedRanges") or [])]
        for gr in ranges:
            _move_edges(gr, lo, hi, move)
        main = pr.get("range") or {}
        if main.get(hi) is not None and (main.get(lo) or 0) >= main[hi]:
            sheet.protected.remove(pr)  # every row (column) of it was deleted
        holes = pr.get("unprotectedRanges")
        if holes:
            pr["unprotectedRanges"] = [h for h in holes if not _empty(h, lo, hi)]


def _move_edges(gr: dict[str, Any], lo: str, hi: str, move: Move) -> None:
    """Start edges follow their cell; end edges (exclusive) follow the cell before them."""
    if gr.get(lo) is not None:
        start = move(gr[lo])
        gr[lo] = start if start is not None else _next_kept(gr[lo], move)
    if gr.get(hi) is not None:
        last = move(gr[hi] - 1) if gr[hi] > 0 else None
        gr[hi] = last + 1 if last is not None else _next_kept(gr[hi], move)


def _next_kept(index: int, move: Move) -> int:
    """Where a deleted index ends up: the first kept index at or after it (deletions only)."""
    probe = index
    while move(probe) is None:
        probe += 1
    return move(probe) or 0


def _empty(gr: dict[str, Any], lo: str, hi: str) -> bool:
    return gr.get(hi) is not None and (gr.get(lo) or 0) >= gr[hi]


def insert(ctx: Ctx, sheet: Sheet, dim: str, start: int, count: int, where: str, kind: str) -> None:
    """Insert `count` rows/columns before index `start` (== size appends); `kind` names
    the request in errors."""
    if not 0 <= start <= size(sheet, dim):
        raise bad_request(f"Invalid requests[{where}]: insertion point {start} is past the grid.")
    _refuse_unless_editor(ctx, sheet, dim, lambda lo, hi: lo < start < (hi or size(sheet, dim)))
    _set_size(sheet, dim, size(sheet, dim) + count)
    grid.check_cell_limit(ctx.ss, f"Invalid requests[{where}].{kind}")
    _move(sheet, dim, lambda i: i + count if i >= start else i)
    frozen = sheet.frozen_rows if dim == ROWS else sheet.frozen_cols
    if start < frozen:
        if dim == ROWS:
            sheet.frozen_rows += count
        else:
            sheet.frozen_cols += count


def delete(ctx: Ctx, sheet: Sheet, dim: str, start: int, end: int, where: str) -> None:
    """Delete rows/columns [start, end); cells after them move back."""
    count = end - start
    if count >= size(sheet, dim):
        noun = "rows" if dim == ROWS else "columns"
        raise bad_request(
            f"Invalid requests[{where}].deleteDimension: You can't delete all the {noun} "
            "on the sheet."
        )
    _refuse_unless_editor(
        ctx, sheet, dim, lambda lo, hi: lo < end and start < (hi or size(sheet, dim))
    )
    _move(sheet, dim, lambda i: i if i < start else (None if i < end else i - count))
    _set_size(sheet, dim, size(sheet, dim) - count)
    if dim == ROWS:
        sheet.frozen_rows = min(sheet.frozen_rows, sheet.rows - 1)
    else:
        sheet.frozen_cols = min(sheet.frozen_cols, sheet.cols - 1)


def insert_dimension(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    rng = req.get("range") or {}
    sheet = _sheet(ctx, rng.get("sheetId"), where)
    dim = _dimension(rng.get("dimension"), where, "insertDimension")
    start, end = rng.get("startIndex") or 0, rng.get("endIndex") or 0
    if end <= start:
        raise bad_request(f"Invalid requests[{where}].insertDimension: endIndex <= startIndex.")
    if req.get("inheritFromBefore") and start == 0:
        raise bad_request(
            f"Invalid requests[{where}].insertDimension: Cannot inherit from before the "
            "first row or column (inheritFromBefore needs startIndex > 0)."
        )
    insert(ctx, sheet, dim, start, end - start, where, "insertDimension")
    return {}


def append_dimension(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    sheet = _sheet(ctx, req.get("sheetId"), where)
    dim = _dimension(req.get("dimension"), where, "appendDimension")
    length = req.get("length") or 0
    if length <= 0:
        raise bad_request(f"Invalid requests[{where}].appendDimension: length must be > 0.")
    insert(ctx, sheet, dim, size(sheet, dim), length, where, "appendDimension")
    return {}


def delete_dimension(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    sheet, dim, start, end = _span(ctx, req.get("range") or {}, where, "deleteDimension")
    delete(ctx, sheet, dim, start, end, where)
    return {}


def resize(ctx: Ctx, sheet: Sheet, rows: int, cols: int, where: str) -> None:
    """updateSheetProperties of rowCount/columnCount: grow at the end, or delete the tail."""
    for dim, wanted in ((ROWS, rows), (COLUMNS, cols)):
        have = size(sheet, dim)
        if wanted < 1:
            raise bad_request(f"Invalid requests[{where}].updateSheetProperties: {dim} < 1.")
        if wanted > have:
            insert(ctx, sheet, dim, have, wanted - have, where, "updateSheetProperties")
        elif wanted < have:
            delete(ctx, sheet, dim, wanted, have, where)


def update_dimension_properties(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    kind = "updateDimensionProperties"
    sheet, dim, start, end = _span(ctx, req.get("range") or {}, where, kind)
    props = sheet.dimensions.setdefault(dim, {})
    for i in range(start, end):
        props[i] = {**props.get(i, {}), **(req.get("properties") or {})}
    return {}


def grid_bounds_check(sheet: Sheet, gr: dict[str, Any], where: str, kind: str) -> None:
    """A GridRange of a cell request (updateCells, repeatCell, ...) past the grid: Google's
    "exceeds grid limits" 400, prefixed with the request like its other batch errors."""
    b = grid_range_to_bounds(gr).resolve(sheet.rows, sheet.cols)
    prefix = f"Invalid requests[{where}].{kind}: "
    grid.check_in_grid(sheet, b, format_range(sheet.title, b), prefix)
