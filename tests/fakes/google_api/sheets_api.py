"""spreadsheets.get / spreadsheets.create: metadata, grid data, masks and ranges."""

from __future__ import annotations

import copy
from typing import Any

from . import fields, grid, locales, protection
from .a1 import Bounds
from .defaults import DEFAULT_FORMAT, SPREADSHEET_THEME
from .errors import ApiError
from .sheets_batch import sheet_properties
from .sheets_values import Ctx
from .state import SPREADSHEET, DriveFile, Sheet, Spreadsheet, Store


def _used(sheet: Sheet, b: Bounds) -> Bounds:
    """Shrink a range to the used area (trailing empties are trimmed from replies anyway)."""
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    keys = [k for k in sheet.cells if b.r0 <= k[0] < b.r1 and b.c0 <= k[1] < b.c1]
    if not keys:
        return Bounds(b.r0, b.r0, b.c0, b.c0)
    return Bounds(b.r0, max(k[0] for k in keys) + 1, b.c0, max(k[1] for k in keys) + 1)


def _wants_data(tree: fields.Tree | None, include_grid_data: bool) -> bool:
    """A field mask overrides includeGridData, as the API reference says."""
    if tree is None:
        return include_grid_data
    sheets = tree.get("sheets")
    if sheets is None:
        return "*" in tree and include_grid_data
    return "data" in sheets or (not sheets and include_grid_data)


def spreadsheet_json(
    ctx: Ctx, ranges: list[str], include: bool, tree: fields.Tree | None = None
) -> dict[str, Any]:
    """Build the full Spreadsheet resource (optionally with grid data for `ranges`)."""
    ev = grid.Evaluator(ctx.ss)
    wanted: dict[int, list[Bounds]] = {}
    for text in ranges:
        sheet, b = grid.locate(ctx.ss, text)
        wanted.setdefault(sheet.sheet_id, []).append(grid.resolved(sheet, b, text))
    sheets = []
    for sheet in ctx.ss.sheets:
        if ranges and sheet.sheet_id not in wanted:
            continue
        entry: dict[str, Any] = {"properties": sheet_properties(ctx, sheet)}
        if include:
            areas = wanted.get(sheet.sheet_id) or [Bounds(0, sheet.rows, 0, sheet.cols)]
            entry["data"] = [grid.grid_data(ctx.ss, sheet, _used(sheet, b), ev) for b in areas]
        if sheet.protected:
            entry["protectedRanges"] = [
                protection.render(ctx.file, pr, ctx.email) for pr in sheet.protected
            ]
        sheets.append(entry)
    body = {
        "spreadsheetId": ctx.file.id,
        "properties": {
            "title": ctx.file.name,
            "locale": ctx.ss.locale,
            "autoRecalc": "ON_CHANGE",
            "timeZone": ctx.ss.time_zone,
            "defaultFormat": copy.deepcopy(DEFAULT_FORMAT),
            "spreadsheetTheme": copy.deepcopy(SPREADSHEET_THEME),
        },
        "sheets": sheets,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{ctx.file.id}/edit",
    }
    body = fields.apply(body, tree)
    for entry in body.get("sheets", []):
        if "data" in entry:
            entry["data"] = [grid.trim_grid(d) for d in entry["data"]]
    return body


def get(ctx: Ctx, params: dict[str, Any]) -> dict[str, Any]:
    tree = fields.parse(params.get("fields"))
    include = str(params.get("includeGridData", "false")).lower() == "true"
    return spreadsheet_json(ctx, params.get("ranges") or [], _wants_data(tree, include), tree)


def create(store: Store, email: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v4/spreadsheets: a new file in the caller's My Drive (not for service accounts,
    which have no Drive storage)."""
    if store.is_service_account(email):
        raise ApiError(403, "The user's Drive storage quota has been exceeded.")
    props = body.get("properties") or {}
    now = store.now()
    f = DriveFile(
        store.new_id(),
        props.get("title") or "Untitled spreadsheet",
        SPREADSHEET,
        email,
        now,
        now,
        email,
        parents=[store.my_drive_root(email)],
    )
    locale = props.get("locale") or "en_US"
    locale = locales.checked(locale, "Invalid spreadsheet.properties.locale")
    f.spreadsheet = Spreadsheet(locale, props.get("timeZone") or "Etc/GMT")
    store.files[f.id] = f
    ctx = Ctx(store, email, f, f.spreadsheet)
    if body.get("sheets"):
        f.spreadsheet.sheets = []
        from .sheets_batch import add_sheet

        for i, sheet in enumerate(body["sheets"]):
            props = dict(sheet.get("properties") or {})
            props.setdefault("sheetId", 0 if i == 0 else None)
            add_sheet(ctx, {"properties": props}, str(i))
    return spreadsheet_json(ctx, [], False)
