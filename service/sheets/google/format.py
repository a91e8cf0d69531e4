"""Pure builders of Sheets API v4 `batchUpdate` requests about how cells look and read.

Split from `google_requests` (which maps the port's vocabulary onto Google's) to keep both
small: spreadsheet locale, bold rows, column widths, plain-text cells, fills, validations.
No I/O here.
"""

from __future__ import annotations

from typing import Any

from gspread.utils import a1_range_to_grid_range, column_letter_to_index, convert_hex_to_colors_dict

Json = dict[str, Any]

# The office types Indonesian numbers ("12,5", "7.300") and works in WIB. A spreadsheet's
# locale decides how Google parses typed text in cells not formatted as text, how it shows
# numbers and dates, and which separator formulas use; its time zone drives NOW()/TODAY().
# Sheets names Indonesian by Java's legacy code `in_ID` (as Hebrew is `iw_IL`); public gspread
# code sets "in_ID" and reads "in_ID" back, while `id_ID` is not known to be accepted. The
# locale goes in its own request so that, were it refused, creation carries on without it
# (provision.set_up); `kinerja google check --deep` reads it back on the real Google.
LOCALE = "in_ID"
TIME_ZONE = "Asia/Jakarta"
SEMICOLON_LOCALES = ("in_", "id_", "de_", "fr_", "es_", "it_", "nl_", "pt_", "tr_", "ru_")
TEXT_FORMAT: Json = {"type": "TEXT", "pattern": "@"}


def grid_range(sheet_id: int, a1: str) -> Json:
    """`GridRange` for an A1 range on a sheet; an empty A1 means the whole sheet."""
    rng: Json = {"sheetId": sheet_id}
    if a1:
        rng.update(a1_range_to_grid_range(a1))
    return rng


def spreadsheet_locale(locale: str = LOCALE) -> Json:
    """updateSpreadsheetProperties of the locale only (title untouched)."""
    return {"updateSpreadsheetProperties": {"properties": {"locale": locale},
                                            "fields": "locale"}}


def spreadsheet_time_zone(time_zone: str = TIME_ZONE) -> Json:
    return {"updateSpreadsheetProperties": {"properties": {"timeZone": time_zone},
                                            "fields": "timeZone"}}


def formula_in(text: str, locale: str | None) -> str:
    """A formula written with `,` between arguments, as Sheets parses it in `locale`: a
    comma-decimal locale separates arguments with `;` (googleapis/google-api-nodejs-client
    #1994: comma formulas broke in a Turkish sheet). Text in double quotes is left alone."""
    if not locale or not locale.startswith(SEMICOLON_LOCALES):
        return text
    out, quoted = [], False
    for char in text:
        quoted = not quoted if char == '"' else quoted
        out.append(";" if char == "," and not quoted else char)
    return "".join(out)


def bold_row(sheet_id: int, row: int) -> Json:
    return {
        "repeatCell": {
            "range": grid_range(sheet_id, f"{row}:{row}"),
            "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
            "fields": "userEnteredFormat.textFormat.bold",
        }
    }


def column_pixels(width: float) -> int:
    """Excel character widths (what the templates and openpyxl use) to Google pixels."""
    return max(1, round(width * 7 + 5))


def column_width(sheet_id: int, letter: str, width: float) -> Json:
    idx = column_letter_to_index(letter) - 1
    return {
        "updateDimensionProperties": {
            "range": {
                "sheetId": sheet_id,
                "dimension": "COLUMNS",
                "startIndex": idx,
                "endIndex": idx + 1,
            },
            "properties": {"pixelSize": column_pixels(width)},
            "fields": "pixelSize",
        }
    }


def text_cells(sheet_id: int, a1: str) -> Json:
    """repeatCell of the number format only: plain text, so Google stores what was typed.

    A USER_ENTERED value (a person typing) in a TEXT cell is kept as the literal string:
    no number, percent, date or formula parsing. Other formatting of the cells is kept."""
    return {
        "repeatCell": {
            "range": grid_range(sheet_id, a1),
            "cell": {"userEnteredFormat": {"numberFormat": dict(TEXT_FORMAT)}},
            "fields": "userEnteredFormat.numberFormat",
        }
    }


def validation(sheet_id: int, a1: str, condition: Json) -> Json:
    """A strict data validation rule (checkbox or dropdown) on a range."""
    return {
        "setDataValidation": {
            "range": grid_range(sheet_id, a1),
            "rule": {"condition": condition, "strict": True, "showCustomUi": True},
        }
    }


def fill_request(sheet_id: int, a1: str, colour: str | None) -> Json:
    """repeatCell of the background colour only; None resets it to no fill."""
    cell: Json = {}
    if colour:
        cell = {"userEnteredFormat": {"backgroundColor": convert_hex_to_colors_dict(colour)}}
    return {
        "repeatCell": {
            "range": grid_range(sheet_id, a1),
            "cell": cell,
            "fields": "userEnteredFormat.backgroundColor",
        }
    }
