"""spreadsheets.batchUpdate requests. Each handler returns its reply ({} where Google does).

All requests of a batch are applied to a copy and committed only if every one succeeds,
because Google's batchUpdate is atomic. Cell requests (updateCells, repeatCell,
setDataValidation, addProtectedRange) may not reach past the grid ("exceeds grid limits");
rows and columns are added by the requests of dimensions.py. The locale must be one Sheets
supports (locales.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from . import dimensions, grid, locales, protection
from .a1 import Bounds, format_range, grid_range_to_bounds
from .errors import ApiError, bad_request
from .fields import copy_path, parse, paths
from .sheets_values import Ctx
from .state import Sheet


def _sheet(ctx: Ctx, sheet_id: Any, where: str) -> Sheet:
    sheet = ctx.ss.sheet_by_id(sheet_id or 0)
    if sheet is None:
        raise bad_request(f"Invalid requests[{where}]: No grid with id: {sheet_id}")
    return sheet


def _range(ctx: Ctx, gr: dict[str, Any], where: str, kind: str) -> tuple[Sheet, Bounds]:
    sheet = _sheet(ctx, gr.get("sheetId"), where)
    dimensions.grid_bounds_check(sheet, gr, where, kind)
    return sheet, grid_range_to_bounds(gr).resolve(sheet.rows, sheet.cols)


def add_sheet(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    props = {k: x for k, x in (req.get("properties") or {}).items() if x is not None}
    title = props.get("title") or f"Sheet{len(ctx.ss.sheets) + 1}"
    if ctx.ss.sheet_by_title(title):
        raise bad_request(
            f'Invalid requests[{where}]: A sheet with the name "{title}" already '
            "exists. Please enter another name."
        )
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = ctx.store.new_sheet_id()
    elif ctx.ss.sheet_by_id(sheet_id):
        raise bad_request(f"Invalid requests[{where}]: sheet with id {sheet_id} already exists.")
    gp = props.get("gridProperties") or {}
    sheet = Sheet(
        sheet_id,
        title,
        gp.get("rowCount", 1000),
        gp.get("columnCount", 26),
        gp.get("frozenRowCount", 0),
        gp.get("frozenColumnCount", 0),
    )
    ctx.ss.sheets.append(sheet)  # counted by the cell limit, then put at its index
    grid.check_cell_limit(ctx.ss, f"Invalid requests[{where}].addSheet")
    ctx.ss.sheets.remove(sheet)
    for key in ("hidden", "tabColor", "rightToLeft"):
        if key in props:
            sheet.extra[key] = props[key]
    index = min(props.get("index", len(ctx.ss.sheets)), len(ctx.ss.sheets))
    ctx.ss.sheets.insert(index, sheet)
    return {"addSheet": {"properties": sheet_properties(ctx, sheet)}}


def sheet_properties(ctx: Ctx, sheet: Sheet) -> dict[str, Any]:
    return {
        "sheetId": sheet.sheet_id,
        "title": sheet.title,
        "index": ctx.ss.sheets.index(sheet),
        "sheetType": "GRID",
        "gridProperties": sheet.grid_properties(),
        **sheet.extra,
    }


def delete_sheet(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    sheet = _sheet(ctx, req.get("sheetId"), where)
    if len(ctx.ss.sheets) == 1:
        raise bad_request(
            f"Invalid requests[{where}]: You can't remove all the sheets in a document."
        )
    protection.check_edit(ctx.file, sheet, Bounds(0, sheet.rows, 0, sheet.cols), ctx.email)
    ctx.ss.sheets.remove(sheet)
    return {}


def update_sheet_properties(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    props = {k: x for k, x in (req.get("properties") or {}).items() if x is not None}
    sheet = _sheet(ctx, props.get("sheetId"), where)
    if not req.get("fields"):
        raise bad_request(
            f"Invalid requests[{where}].updateSheetProperties: You must specify "
            "at least one field to update."
        )
    current = sheet_properties(ctx, sheet)
    for path in paths(parse(req["fields"])):
        copy_path(props, current, path)
    if current.get("title") != sheet.title and ctx.ss.sheet_by_title(current.get("title", "")):
        raise bad_request(
            f'Invalid requests[{where}]: A sheet with the name "{current["title"]}"'
            " already exists. Please enter another name."
        )
    gp = current.get("gridProperties") or {}
    sheet.title = current.get("title") or sheet.title
    rows, cols = gp.get("rowCount", sheet.rows), gp.get("columnCount", sheet.cols)
    dimensions.resize(ctx, sheet, rows, cols, where)  # moves nothing, may drop the tail
    sheet.frozen_rows = gp.get("frozenRowCount", 0)
    sheet.frozen_cols = gp.get("frozenColumnCount", 0)
    sheet.extra = {k: current[k] for k in ("hidden", "tabColor", "rightToLeft") if k in current}
    if "index" in current and current["index"] != ctx.ss.sheets.index(sheet):
        ctx.ss.sheets.remove(sheet)
        ctx.ss.sheets.insert(min(current["index"], len(ctx.ss.sheets)), sheet)
    return {}


def update_spreadsheet_properties(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    props = req.get("properties") or {}
    for path in paths(parse(req.get("fields"))):
        name = path[0] if path else None
        if name in (None, "title") and props.get("title"):
            ctx.file.name = props["title"]
        if name in (None, "locale") and props.get("locale"):
            where_ = f"Invalid requests[{where}].updateSpreadsheetProperties"
            ctx.ss.locale = locales.checked(props["locale"], where_)
        if name in (None, "timeZone") and props.get("timeZone"):
            ctx.ss.time_zone = props["timeZone"]
    return {}


def _apply_cell(ctx: Ctx, sheet: Sheet, r: int, c: int, src: dict[str, Any], mask: list) -> None:
    cell = copy.deepcopy(sheet.cells.get((r, c), {}))
    for path in mask:
        copy_path(src, cell, path)
    if any(p[:1] == ("userEnteredValue",) or not p for p in mask):
        grid.stamp_formula(ctx.ss, cell)
    fmt = cell.get("userEnteredFormat")
    if isinstance(fmt, dict):  # Google echoes *Style colours; store only the plain ones
        cell["userEnteredFormat"] = {k: x for k, x in fmt.items() if not k.endswith("Style")}
    cell = {k: x for k, x in cell.items() if x not in ({}, None, "")}
    if cell:
        sheet.cells[(r, c)] = cell
    else:
        sheet.cells.pop((r, c), None)


def _clean_cell(cell: dict[str, Any]) -> dict[str, Any]:
    out = {k: x for k, x in (cell or {}).items() if x is not None}
    if isinstance(out.get("userEnteredValue"), dict):
        value = {k: x for k, x in out["userEnteredValue"].items() if x is not None}
        out["userEnteredValue"] = value
    return out


def update_cells(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    if not req.get("fields"):
        raise bad_request(f"Invalid requests[{where}].updateCells: fields is required.")
    mask = paths(parse(req["fields"]))
    rows = req.get("rows") or []
    if req.get("start") is not None:
        start = req["start"]
        sheet = _sheet(ctx, start.get("sheetId"), where)
        r0, c0 = start.get("rowIndex", 0) or 0, start.get("columnIndex", 0) or 0
        width = max((len(r.get("values") or []) for r in rows), default=0)
        area = Bounds(r0, r0 + len(rows), c0, c0 + width)
        reach = Bounds(r0, r0 + max(len(rows), 1), c0, c0 + max(width, 1))
        prefix = f"Invalid requests[{where}].updateCells: "
        grid.check_in_grid(sheet, reach, format_range(sheet.title, reach), prefix)
    else:
        sheet, area = _range(ctx, req.get("range") or {}, where, "updateCells")
    protection.check_edit(ctx.file, sheet, area, ctx.email)
    assert area.r0 is not None and area.c0 is not None
    for r, c in grid.cells_in(area):
        i, j = r - area.r0, c - area.c0
        values = (rows[i].get("values") or []) if i < len(rows) else []
        src = _clean_cell(values[j]) if j < len(values) else {}
        _apply_cell(ctx, sheet, r, c, src, mask)
    return {}


def repeat_cell(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    if not req.get("fields"):
        raise bad_request(f"Invalid requests[{where}].repeatCell: fields is required.")
    sheet, area = _range(ctx, req.get("range") or {}, where, "repeatCell")
    protection.check_edit(ctx.file, sheet, area, ctx.email)
    mask, src = paths(parse(req["fields"])), _clean_cell(req.get("cell") or {})
    for r, c in grid.cells_in(area):
        _apply_cell(ctx, sheet, r, c, src, mask)
    return {}


def set_data_validation(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    """Only the rule is set: an empty checkbox (BOOLEAN) cell stays empty (it shows unticked
    and reads as nothing) until someone ticks it. Filling FALSE is what Apps Script's
    Range.insertCheckboxes() documents as its own extra step ("Sets the value of all cells
    in the range to false"), not part of the rule (UNVERIFIED for the v4 API)."""
    sheet, area = _range(ctx, req.get("range") or {}, where, "setDataValidation")
    protection.check_edit(ctx.file, sheet, area, ctx.email)
    rule = {k: x for k, x in (req.get("rule") or {}).items() if x is not None}
    for r, c in grid.cells_in(area):
        cell = sheet.cells.setdefault((r, c), {})
        if rule:
            cell["dataValidation"] = copy.deepcopy(rule)
        else:
            cell.pop("dataValidation", None)
        if not cell:
            del sheet.cells[(r, c)]
    return {}


def ignored(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    return {}


def add_protected_range(ctx: Ctx, req: dict[str, Any], where: str) -> dict[str, Any]:
    gr = (req.get("protectedRange") or {}).get("range") or {}
    sheet = ctx.ss.sheet_by_id(gr.get("sheetId") or 0)
    if sheet is not None:
        dimensions.grid_bounds_check(sheet, gr, where, "addProtectedRange")
    return protection.add(ctx.ss, ctx.file, req, ctx.email, ctx.store.new_sheet_id())


HANDLERS: dict[str, Callable[[Ctx, dict[str, Any], str], dict[str, Any]]] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "updateCells": update_cells,
    "repeatCell": repeat_cell,
    "setDataValidation": set_data_validation,
    "updateDimensionProperties": dimensions.update_dimension_properties,
    "appendDimension": dimensions.append_dimension,
    "insertDimension": dimensions.insert_dimension,
    "deleteDimension": dimensions.delete_dimension,
    "autoResizeDimensions": ignored,
    "addProtectedRange": add_protected_range,
    "updateProtectedRange": lambda c, r, w: protection.update(c.ss, c.file, r, c.email),
    "deleteProtectedRange": lambda c, r, w: protection.delete(c.ss, c.file, r, c.email),
}


def batch_update(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    requests = body.get("requests") or []
    original = copy.deepcopy(ctx.ss), ctx.file.name
    replies = []
    try:
        for i, request in enumerate(requests):
            kinds = [k for k, x in request.items() if x is not None]
            if len(kinds) != 1 or kinds[0] not in HANDLERS:
                raise bad_request(f"Invalid requests[{i}]: unsupported by the fake: {kinds}")
            replies.append(HANDLERS[kinds[0]](ctx, request[kinds[0]], str(i)))
    except ApiError:
        ctx.ss.__dict__.update(original[0].__dict__)
        ctx.file.name = original[1]
        raise
    if requests:
        ctx.store.touch(ctx.file, ctx.email)
    out: dict[str, Any] = {"spreadsheetId": ctx.file.id}
    if replies:
        out["replies"] = replies
    if body.get("includeSpreadsheetInResponse"):
        from .sheets_api import spreadsheet_json

        out["updatedSpreadsheet"] = spreadsheet_json(
            ctx, body.get("responseRanges") or [], bool(body.get("responseIncludeGridData"))
        )
    return out
