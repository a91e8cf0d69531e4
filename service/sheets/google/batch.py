"""Pure builders of Sheets API v4 `batchUpdate` requests, and their inverse parsers.

Kept apart from the adapter so `google.py` stays about HTTP round trips, and so the
translation of the port's vocabulary (tab + A1, Protection, TabSpec) into Google's
(sheetId + GridRange, protectedRanges, CellData) can be read and tested on its own.
No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from gspread.utils import rowcol_to_a1

from service.sheets.google import format as gf
from service.sheets.google.format import fill_request, grid_range  # noqa: F401 (fill: re-export)
from service.sheets.port import Formula, Protection, TabSpec, TemplateValue

DEFAULT_ROWS, DEFAULT_COLS = 1000, 26
DESCRIPTION_RE = re.compile(r"^\[kinerja:(?P<name>[^\]]+)\]\s?(?P<rest>.*)$", re.DOTALL)

Json = dict[str, Any]


def grid_to_a1(rng: Mapping[str, Any]) -> str:
    """Inverse of `grid_range` (without the sheet): `A2:C10`, `B4`, `A:C`, `A2:C`, `3:5`."""
    r0, r1 = rng.get("startRowIndex"), rng.get("endRowIndex")
    c0, c1 = rng.get("startColumnIndex"), rng.get("endColumnIndex")
    if r0 is None and r1 is None and c0 is None and c1 is None:
        return ""

    def col(i: int) -> str:
        return rowcol_to_a1(1, i + 1)[:-1]

    if c0 is None and c1 is None:
        return f"{(r0 or 0) + 1}:{r1 if r1 is not None else ''}".rstrip(":")
    start = col(c0 or 0) + (str((r0 or 0) + 1) if r0 is not None or r1 is not None else "")
    end = col((c1 or DEFAULT_COLS) - 1) + (str(r1) if r1 is not None else "")
    if r1 is not None and c1 is not None and r1 - (r0 or 0) == 1 and c1 - (c0 or 0) == 1:
        return start
    return f"{start}:{end}"


def describe(protection: Protection) -> str:
    """The protected range description: a machine-readable name, then the human text.

    An empty human text stays empty so the name and description read back unchanged."""
    text = f" {protection.description}" if protection.description else ""
    return f"[kinerja:{protection.name}]{text}"


def parse_description(description: str | None) -> tuple[str, str] | None:
    """(name, human description) from a description we wrote, or None for anyone else's."""
    match = DESCRIPTION_RE.match(description or "")
    return (match["name"], match["rest"]) if match else None


def protection_name(pr: Mapping[str, Any]) -> str | None:
    """Our name of a raw protectedRange, None when the service did not create it."""
    parsed = parse_description(pr.get("description"))
    return parsed[0] if parsed else None


def editors_users(service_account: str, editors: tuple[str, ...]) -> list[str]:
    """The service account first, then the listed people, without duplicates."""
    users: list[str] = []
    for email in (service_account, *editors):
        if email and email.lower() not in {u.lower() for u in users}:
            users.append(email)
    return users


def add_protection(sheet_id: int, protection: Protection, service_account: str) -> Json:
    """addProtectedRange with editors always explicit (an empty list means "all writers")."""
    return {
        "addProtectedRange": {
            "protectedRange": {
                "range": grid_range(sheet_id, protection.a1_range),
                "description": describe(protection),
                "warningOnly": False,
                "editors": {"users": editors_users(service_account, protection.editors)},
            }
        }
    }


def parse_protection(
    pr: Mapping[str, Any], titles: Mapping[int, str], service_account: str
) -> Protection | None:
    """A `Protection` from a protectedRange we own (by its description), else None."""
    parsed = parse_description(pr.get("description"))
    if parsed is None:
        return None
    # A whole protected sheet has a range with no indexes, and Google leaves out a sheetId of
    # 0: the whole first tab may come back as `{}` or without a range at all.
    rng = pr.get("range") or {}
    users = pr.get("editors", {}).get("users", [])
    others = tuple(u for u in users if u.lower() != service_account.lower())
    return Protection(
        name=parsed[0],
        tab=titles.get(rng.get("sheetId", 0), ""),
        a1_range=grid_to_a1(rng),
        editors=others,
        description=parsed[1],
    )


def cell_data(value: TemplateValue, locale: str | None = gf.LOCALE) -> Json:
    """CellData for a template value: only `Formula` is a formula, a str is always literal."""
    if value is None:
        return {}
    if isinstance(value, Formula):
        return {"userEnteredValue": {"formulaValue": gf.formula_in(value.text, locale)}}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": str(value)}}


def sheet_properties(sheet_id: int, tab: TabSpec, index: int) -> Json:
    """SheetProperties sized to fit the template rows (a new sheet is 1000 x 26)."""
    width = max((len(r) for r in tab.rows), default=0)
    return {
        "sheetId": sheet_id,
        "title": tab.title,
        "index": index,
        "gridProperties": {
            "rowCount": max(DEFAULT_ROWS, len(tab.rows)),
            "columnCount": max(DEFAULT_COLS, width),
            "frozenRowCount": tab.frozen_rows,
        },
    }


def workbook_requests(tabs: Sequence[TabSpec], locale: str | None = gf.LOCALE) -> list[Json]:
    """A new spreadsheet's setup: time zone and locale (Asia/Jakarta, in_ID, so what people
    type is read the Indonesian way; no locale request when `locale` is None), then every
    tab, the i-th with sheet id i."""
    reqs = [gf.spreadsheet_time_zone()] + ([gf.spreadsheet_locale(locale)] if locale else [])
    return reqs + [r for i, tab in enumerate(tabs) for r in tab_requests(i, tab, i, locale)]


def tab_requests(sheet_id: int, tab: TabSpec, index: int,
                 locale: str | None = gf.LOCALE) -> list[Json]:
    """Everything one tab needs: create/rename, values, bold rows, widths, validations,
    plain-text ranges."""
    props = sheet_properties(sheet_id, tab, index)
    if index == 0:
        fields = (
            "title,gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount"
        )
        reqs: list[Json] = [{"updateSheetProperties": {"properties": props, "fields": fields}}]
    else:
        reqs = [{"addSheet": {"properties": props}}]
    if tab.rows:
        reqs.append(
            {
                "updateCells": {
                    "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                    "rows": [{"values": [cell_data(v, locale) for v in row]}
                             for row in tab.rows],
                    "fields": "userEnteredValue",
                }
            }
        )
    reqs += [gf.bold_row(sheet_id, row) for row in tab.bold_rows]
    reqs += [gf.column_width(sheet_id, c, w) for c, w in tab.column_widths.items()]
    reqs += [gf.validation(sheet_id, a1, {"type": "BOOLEAN"}) for a1 in tab.checkboxes]
    for a1, options in tab.dropdowns:
        values = [{"userEnteredValue": o} for o in options]
        reqs.append(gf.validation(sheet_id, a1, {"type": "ONE_OF_LIST", "values": values}))
    reqs += [gf.text_cells(sheet_id, a1) for a1 in tab.text_ranges]
    return reqs


def note_request(sheet_id: int, a1: str, text: str | None) -> Json:
    """updateCells of the note field only; an empty note removes it."""
    rng = grid_range(sheet_id, a1)
    return {
        "updateCells": {
            "range": rng,
            "rows": [{"values": [{"note": text or ""}]}],
            "fields": "note",
        }
    }


def values_grid(rows: list[list[Any]]) -> list[list[Any]]:
    """batchGet rows as port values: blank text is None, trailing blanks trimmed (as local)."""
    grid = []
    for row in rows:
        values = [None if isinstance(v, str) and not v.strip() else v for v in row]
        while values and values[-1] is None:
            values.pop()
        grid.append(values)
    while grid and not grid[-1]:
        grid.pop()
    return grid


class Meta:
    """What `apply` needs to know about a spreadsheet: sheet ids, grid sizes and our
    protected ranges."""

    def __init__(self, sheets: list[dict[str, Any]]) -> None:
        self.ids = {s["properties"]["title"]: s["properties"].get("sheetId", 0) for s in sheets}
        self.titles = [s["properties"]["title"] for s in sheets]
        self.protected = [pr for s in sheets for pr in s.get("protectedRanges", [])]
        self.sizes = {
            s["properties"]["title"]: (
                s["properties"].get("gridProperties", {}).get("rowCount", DEFAULT_ROWS),
                s["properties"].get("gridProperties", {}).get("columnCount", DEFAULT_COLS),
            )
            for s in sheets
        }

    def growth(self, needed: Mapping[str, tuple[int, int]]) -> list[Json]:
        """updateSheetProperties that make each tab hold `needed` (rows, columns), with room
        to spare so a growing tab is not grown every cycle. Google refuses a write past the
        grid ("exceeds grid limits"), it does not grow the sheet as a spreadsheet app does."""
        reqs: list[Json] = []
        for tab, (rows, cols) in needed.items():
            have_rows, have_cols = self.sizes.get(tab, (DEFAULT_ROWS, DEFAULT_COLS))
            if tab not in self.ids or (rows <= have_rows and cols <= have_cols):
                continue
            grid = {"rowCount": max(have_rows, rows + rows // 10 + 100),
                    "columnCount": max(have_cols, cols)}
            reqs.append({"updateSheetProperties": {
                "properties": {"sheetId": self.ids[tab], "gridProperties": grid},
                "fields": "gridProperties.rowCount,gridProperties.columnCount"}})
            self.sizes[tab] = (grid["rowCount"], grid["columnCount"])
        return reqs

    def remember(self, adds: list[Json], replies: list[Json]) -> None:
        """Cache what we asked for (Google's reply omits editors) under the id it assigned."""
        for add, reply in zip(adds, replies, strict=False):
            pr = dict(add["addProtectedRange"]["protectedRange"])
            got = reply.get("addProtectedRange", {}).get("protectedRange", {})
            pr["protectedRangeId"] = got.get("protectedRangeId")
            self.protected.append(pr)


def extent(batch_values: Sequence[tuple[str, str, Sequence[Sequence[Any]]]],
           cells: Sequence[tuple[str, str]] = ()) -> dict[str, tuple[int, int]]:
    """The (rows, columns) each tab must have for the values and cells (notes, fills) to
    fit: a values write is anchored at its range's first cell."""
    needed: dict[str, tuple[int, int]] = {}

    def need(tab: str, rows: int, cols: int) -> None:
        have = needed.get(tab, (0, 0))
        needed[tab] = (max(have[0], rows), max(have[1], cols))

    for tab, a1, grid in batch_values:
        anchor = (a1.split(":")[0] or "A1")
        row, col = _cell_index(anchor)
        need(tab, row + max(len(grid), 1) - 1, col + max((len(r) for r in grid), default=1) - 1)
    for tab, a1 in cells:
        for corner in a1.split(":"):
            if any(c.isdigit() for c in corner):
                need(tab, *_cell_index(corner))
    return needed


def _cell_index(a1: str) -> tuple[int, int]:
    """1-based (row, column) of a cell like `AB12`."""
    letters = "".join(c for c in a1 if c.isalpha()).upper()
    digits = "".join(c for c in a1 if c.isdigit())
    col = 0
    for c in letters:
        col = col * 26 + ord(c) - 64
    return int(digits or 1), max(col, 1)


def notes_from(got: Mapping[str, Any]) -> dict[str, str]:
    """{A1: note} from spreadsheets.get with fields sheets.data.rowData.values.note."""
    notes: dict[str, str] = {}
    for sheet in got.get("sheets", []):
        for data in sheet.get("data", []):
            r0, c0 = data.get("startRow", 0), data.get("startColumn", 0)
            for r, row in enumerate(data.get("rowData", [])):
                for c, cell in enumerate(row.get("values", [])):
                    if cell.get("note"):
                        notes[rowcol_to_a1(r0 + r + 1, c0 + c + 1)] = cell["note"]
    return notes


HINTS = {
    "storageQuotaExceeded": "service account tidak punya kuota Drive: pakai folder di Shared "
    "Drive, atau mode OAuth akun kantor",
    "notFound": "berkas/folder tidak ada atau belum dibagikan ke akun layanan",
    "insufficientFilePermissions": "akun layanan belum menjadi editor berkas/folder ini",
}


def hint(error: Mapping[str, Any] | None) -> str:
    """A short Indonesian fix for the Google error reasons people actually hit."""
    reasons = [e.get("reason") for e in (error or {}).get("errors", []) if isinstance(e, dict)]
    found = [HINTS[r] for r in reasons if r in HINTS]
    return f" ({found[0]})" if found else ""
