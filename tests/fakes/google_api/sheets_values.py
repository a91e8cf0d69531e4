"""spreadsheets.values.*: get, batchGet, update, batchUpdate, clear, batchClear, append.

Writes never grow the grid: a block reaching past rowCount/columnCount is Google's 400
"Range (...) exceeds grid limits" and nothing is written (values.batchUpdate validates every
range first, so it stays all-or-nothing). Only values.append adds the rows it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import grid
from .a1 import Bounds, format_cells, format_range, index_to_col, quote_title, split_sheet
from .errors import ApiError, bad_request, sheets_denied, sheets_not_found
from .protection import check_edit
from .state import DriveFile, Spreadsheet, Store, rank

INPUT_OPTIONS = ("RAW", "USER_ENTERED")
RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATE_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")


@dataclass
class Ctx:
    """One request's view: who asks, on which file and spreadsheet."""

    store: Store
    email: str
    file: DriveFile
    ss: Spreadsheet
    ui: bool = False  # True for FakeGoogle.user_edit: a person typing, not an API call


def open_spreadsheet(store: Store, sid: str, email: str, write: bool = False) -> Ctx:
    """404 for unknown ids, 403 for files the caller cannot see or (when writing) edit."""
    f = store.files.get(sid)
    if f is None or f.spreadsheet is None:
        raise sheets_not_found()
    role = store.role(f, email)
    if rank(role) == 0 or (write and rank(role) < rank("writer")):
        raise sheets_denied()
    return Ctx(store, email, f, f.spreadsheet)


def _render_option(value: Any) -> str:
    option = value or "FORMATTED_VALUE"
    if option not in RENDER_OPTIONS:
        raise bad_request(f"Invalid value at 'value_render_option' ({option})")
    return option


def _date_option(value: Any) -> str:
    """dateTimeRenderOption (default SERIAL_NUMBER); FORMATTED_STRING reads date cells as
    their formatted text in UNFORMATTED_VALUE (Sheets v4 DateTimeRenderOption)."""
    option = value or "SERIAL_NUMBER"
    if option not in DATE_OPTIONS:
        raise bad_request(f"Invalid value at 'date_time_render_option' ({option})")
    return str(option)


def _value_range(
    ctx: Ctx, text: str, option: str, major: str, dates: str = "SERIAL_NUMBER"
) -> dict[str, Any]:
    sheet, b = grid.locate(ctx.ss, text)
    rb = grid.resolved(sheet, b, text)
    out: dict[str, Any] = {"range": format_range(sheet.title, rb), "majorDimension": major}
    rows = grid.read_values(ctx.ss, sheet, rb, option, major, dates)
    if rows:
        out["values"] = rows
    return out


def get(ctx: Ctx, text: str, params: dict[str, Any]) -> dict[str, Any]:
    major = params.get("majorDimension") or "ROWS"
    option = _render_option(params.get("valueRenderOption"))
    return _value_range(ctx, text, option, major, _date_option(params.get("dateTimeRenderOption")))


def batch_get(ctx: Ctx, ranges: list[str], params: dict[str, Any]) -> dict[str, Any]:
    option = _render_option(params.get("valueRenderOption"))
    dates = _date_option(params.get("dateTimeRenderOption"))
    major = params.get("majorDimension") or "ROWS"
    return {
        "spreadsheetId": ctx.file.id,
        "valueRanges": [_value_range(ctx, r, option, major, dates) for r in ranges],
    }


def _input_option(value: Any) -> str:
    if not value:
        raise bad_request("'valueInputOption' is required but not specified")
    if value not in INPUT_OPTIONS:
        raise bad_request(f"Invalid value at 'value_input_option' ({value})")
    return str(value)


def _check_validation(ctx: Ctx, sheet: Any, r: int, c: int, raw: Any) -> None:
    """Strict validation only stops people in the UI; API writes are accepted by Google."""
    rule = sheet.cells.get((r, c), {}).get("dataValidation")
    if not ctx.ui or not rule or not rule.get("strict") or raw in (None, ""):
        return
    cond = rule.get("condition", {})
    if cond.get("type") == "BOOLEAN":
        ok = isinstance(raw, bool) or str(raw).upper() in ("TRUE", "FALSE")
    elif cond.get("type") == "ONE_OF_LIST":
        ok = str(raw) in [x.get("userEnteredValue") for x in cond.get("values", [])]
    else:
        ok = True
    if not ok:
        raise bad_request(f"Input '{raw}' violates the data validation rule on this cell.")


def write(
    ctx: Ctx,
    text: str,
    rows: list[list[Any]] | None,
    major: str | None,
    option: str,
    plan_only: bool = False,
) -> dict[str, Any]:
    """Write a block at `text`; the response counts the values sent (including "")."""
    sheet, b = grid.locate(ctx.ss, text)
    printed = _printed(sheet, b, text)
    rows = [list(r) for r in (rows or [])]
    if (major or "ROWS") == "COLUMNS":
        width = max((len(r) for r in rows), default=0)
        rows = [[col[i] if i < len(col) else None for col in rows] for i in range(width)]
    height, width = len(rows), max((len(r) for r in rows), default=0)
    r0, c0 = b.r0 or 0, b.c0 or 0
    anchor = b.height == 1 and b.width == 1
    if not anchor:
        grid.check_in_grid(sheet, b.resolve(sheet.rows, sheet.cols), printed)
        limit = b.resolve(max(sheet.rows, r0 + height), max(sheet.cols, c0 + width))
        assert limit.r1 is not None and limit.c1 is not None
        if r0 + height > limit.r1:
            raise bad_request(
                f"Requested writing within range [{text}], but tried writing to row [{r0 + height}]"
            )
        if c0 + width > limit.c1:
            raise bad_request(
                f"Requested writing within range [{text}], but tried writing "
                f"to column [{index_to_col(c0 + width - 1)}]"
            )
    written = Bounds(r0, r0 + max(height, 1), c0, c0 + max(width, 1))
    grid.check_in_grid(sheet, written, printed)
    check_edit(ctx.file, sheet, written, ctx.email)
    for i, row in enumerate(rows):
        for j, raw in enumerate(row):
            _check_validation(ctx, sheet, r0 + i, c0 + j, raw)
    out: dict[str, Any] = {
        "spreadsheetId": ctx.file.id,
        "updatedRange": format_range(sheet.title, written),
    }
    if plan_only:
        return out
    cells = 0
    for i, row in enumerate(rows):
        for j, raw in enumerate(row):
            if raw is not None:
                grid.set_value(ctx.ss, sheet, r0 + i, c0 + j, raw, option)
                cells += 1
    if height and width:
        out.update(updatedRows=height, updatedColumns=width, updatedCells=cells)
    return out


def _printed(sheet: Any, b: Bounds, text: str) -> str:
    """The requested range as Google prints it in errors: `'My tab'!A1001`, `Tab!A2:C9`
    (the anchor or range asked for, not the block the values would fill)."""
    name, cells = split_sheet(text)
    if name is None and cells == sheet.title:
        cells = None
    if b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None:
        cells = format_cells(b)
    if not cells:
        return quote_title(sheet.title)
    return f"{quote_title(sheet.title)}!{cells.replace('$', '').upper()}"


def _with_data(ctx: Ctx, out: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    if str(params.get("includeValuesInResponse")).lower() == "true":
        render = _render_option(params.get("responseValueRenderOption"))
        dates = _date_option(params.get("responseDateTimeRenderOption"))
        out["updatedData"] = _value_range(ctx, out["updatedRange"], render, "ROWS", dates)
    return out


def update(ctx: Ctx, text: str, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    option = _input_option(params.get("valueInputOption"))
    if body.get("range") and split_sheet(body["range"]) != split_sheet(text):
        raise bad_request("The range in the request body must match the range in the URL.")
    out = write(ctx, text, body.get("values"), body.get("majorDimension"), option)
    ctx.store.touch(ctx.file, ctx.email)
    return _with_data(ctx, out, params)


def batch_update(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    option = _input_option(body.get("valueInputOption"))
    data = body.get("data") or []
    for i, item in enumerate(data):  # all-or-nothing: validate every range before writing
        try:
            rng, major = item.get("range", ""), item.get("majorDimension")
            write(ctx, rng, item.get("values"), major, option, plan_only=True)
        except ApiError as err:  # Google names the item: "Invalid data[0]: ..." (gspread#1601)
            if err.code == 400:
                raise bad_request(f"Invalid data[{i}]: {err.message}") from None
            raise
    responses = [
        write(ctx, item.get("range", ""), item.get("values"), item.get("majorDimension"), option)
        for item in data
    ]
    keys = ("includeValuesInResponse", "responseValueRenderOption", "responseDateTimeRenderOption")
    params = {k: body.get(k) for k in keys}
    responses = [_with_data(ctx, r, params) for r in responses]
    ctx.store.touch(ctx.file, ctx.email)
    sheets = {r["updatedRange"].rpartition("!")[0] for r in responses if "updatedCells" in r}
    out: dict[str, Any] = {"spreadsheetId": ctx.file.id}
    if any("updatedCells" in r for r in responses):
        out.update(
            totalUpdatedRows=sum(r.get("updatedRows", 0) for r in responses),
            totalUpdatedColumns=max(r.get("updatedColumns", 0) for r in responses),
            totalUpdatedCells=sum(r.get("updatedCells", 0) for r in responses),
            totalUpdatedSheets=len(sheets),
        )
    out["responses"] = responses
    return out


def _clear_one(ctx: Ctx, text: str) -> str:
    sheet, b = grid.locate(ctx.ss, text)
    rb = grid.resolved(sheet, b, text)
    check_edit(ctx.file, sheet, rb, ctx.email)
    grid.clear_values(sheet, rb)
    return format_range(sheet.title, rb)


def clear(ctx: Ctx, text: str) -> dict[str, Any]:
    cleared = _clear_one(ctx, text)
    ctx.store.touch(ctx.file, ctx.email)
    return {"spreadsheetId": ctx.file.id, "clearedRange": cleared}


def batch_clear(ctx: Ctx, body: dict[str, Any]) -> dict[str, Any]:
    cleared = [_clear_one(ctx, r) for r in body.get("ranges") or []]
    ctx.store.touch(ctx.file, ctx.email)
    return {"spreadsheetId": ctx.file.id, "clearedRanges": cleared}


def append(ctx: Ctx, text: str, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """Append below the last row with data in the range's columns.

    Rows grow as needed (Google adds them); columns do not: a row wider than the sheet is
    "Range (Solar!Y1) exceeds grid limits" (home-assistant/core#104198)."""
    option = _input_option(params.get("valueInputOption"))
    sheet, b = grid.locate(ctx.ss, text)
    rb = b.resolve(sheet.rows, sheet.cols)
    assert rb.r0 is not None and rb.c0 is not None and rb.c1 is not None
    start = max(grid.last_data_row(sheet, rb.c0, rb.c1), rb.r0)
    out: dict[str, Any] = {"spreadsheetId": ctx.file.id}
    if start > rb.r0:
        width = max(rb.c1 - rb.c0, 1)
        out["tableRange"] = format_range(sheet.title, Bounds(rb.r0, start, rb.c0, rb.c0 + width))
    target = format_range(sheet.title, Bounds(start, start + 1, rb.c0, rb.c0 + 1))
    rows = [list(r) for r in body.get("values") or []]
    if body.get("majorDimension") == "COLUMNS":
        rows = [list(r) for r in zip(*rows, strict=False)] if rows else []
    height, width = len(rows), max((len(r) for r in rows), default=0)
    if rb.c0 + width > sheet.cols:
        first_out = f"{index_to_col(sheet.cols)}{rb.r0 + 1}"
        raise grid.beyond_grid(sheet, f"{quote_title(sheet.title)}!{first_out}")
    before = sheet.rows
    sheet.rows = max(sheet.rows, start + height)
    try:
        grid.check_cell_limit(ctx.ss, "Invalid append")
        updates = write(ctx, target, body.get("values"), body.get("majorDimension"), option)
    except ApiError:
        sheet.rows = before
        raise
    ctx.store.touch(ctx.file, ctx.email)
    out["updates"] = _with_data(ctx, updates, params)
    return out
