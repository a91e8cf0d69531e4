"""Cell values: what RAW / USER_ENTERED input becomes, and how values are rendered back.

Supported USER_ENTERED parsing (documented limits of the fake):
- JSON numbers and booleans are kept as numbers and booleans;
- a string typed into a cell whose number format is TEXT (plain text, "@") stays exactly
  that string: no formula, boolean, number, percent or date parsing, and a leading `'` is
  kept as typed (the apostrophe case is not in the recordings; the rest is Google's
  documented plain-text behaviour);
- other strings: `=...` formulas, `TRUE`/`FALSE` (any case), plain numbers, percentages
  (`50%` -> 0.5 shown as `50%`), dates `yyyy-mm-dd`, `yyyy-mm-dd HH:MM[:SS]`, `M/d/yyyy`
  (en_US) or `d/M/yyyy` (other locales) -> serial numbers with a DATE format remembered on
  the cell, and a leading `'` forcing text.
- numbers follow the spreadsheet's locale for the decimal mark: `.` by default (`53`,
  `-1.5`, `1e3`; grouped `1,234.5` only in en locales), `,` in the decimal-comma locales
  of locales.py (in_ID: `12,5` -> 12.5, `7.300` -> 7300, `1.234,5` -> 1234.5, `85%`,
  `12,5%`); there a `.` that is not a thousands group (`1.5`) leaves the text as text.
  FORMATTED_VALUE output is always en_US-style (`12.5`, `1,234`): not locale-aware.
RAW keeps every string as a string (`"=1+1"` stays the text `=1+1`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .locales import decimal_mark

EPOCH = dt.datetime(1899, 12, 30)
DATE_TYPES = ("DATE", "DATE_TIME", "TIME")  # number formats dateTimeRenderOption applies to
_NUMBER = {
    ".": re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"),
    ",": re.compile(r"^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$"),
}
_GROUPED = {
    ".": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"),
    ",": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$"),
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class FormulaError:
    """An evaluated error such as #DIV/0!; rendered as its code in every render option."""

    code: str
    message: str = ""

    @property
    def type(self) -> str:
        return {
            "#DIV/0!": "DIVIDE_BY_ZERO",
            "#VALUE!": "VALUE",
            "#REF!": "REF",
            "#NAME?": "NAME",
            "#N/A": "N_A",
            "#NUM!": "NUM",
        }.get(self.code, "ERROR")


Scalar = float | int | bool | str | FormulaError | None


def to_number(x: float) -> int | float:
    """JSON-friendly number: 2.0 -> 2, as Google prints integral numbers."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def date_serial(value: dt.datetime) -> int | float:
    delta = value - EPOCH
    return to_number(delta.days + delta.seconds / 86400)


def raw_input(value: Any) -> dict | None:
    """RAW: strings stay strings; None means "leave the cell alone" (handled by caller)."""
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": to_number(value)}
    if value == "":
        return None
    return {"stringValue": str(value)}


def _parse_date(text: str, locale: str) -> tuple[int | float, str] | None:
    m = _ISO.match(text)
    try:
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if m.group(4) is None:
                return date_serial(dt.datetime(y, mo, d)), "yyyy-mm-dd"
            t = dt.datetime(y, mo, d, int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
            return date_serial(t), "yyyy-mm-dd H:mm:ss"
        m = _SLASH.match(text)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if locale.startswith("en_US"):
                return date_serial(dt.datetime(y, a, b)), "M/d/yyyy"
            return date_serial(dt.datetime(y, b, a)), "d/M/yyyy"
    except ValueError:
        return None
    return None


def _number(text: str, locale: str) -> tuple[int | float, bool] | None:
    """(value, grouped) of a number written the locale's way, else None."""
    mark = decimal_mark(locale)
    if _NUMBER[mark].match(text):
        return to_number(float(text.replace(",", "."))), False
    if (mark == "," or locale.startswith("en")) and _GROUPED[mark].match(text):
        group = "," if mark == "." else "."
        return to_number(float(text.replace(group, "").replace(",", "."))), True
    return None


def user_entered_input(
    value: Any, locale: str = "en_US", as_text: bool = False
) -> tuple[dict | None, dict | None]:
    """USER_ENTERED: (userEnteredValue, numberFormat to remember or None).

    `as_text`: the cell is formatted as plain text, so a string is kept as typed."""
    if not isinstance(value, str):
        return raw_input(value), None
    text = value
    if text == "":
        return None, None
    if as_text:
        return {"stringValue": text}, None
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"boolValue": stripped.upper() == "TRUE"}, None
    number = _number(stripped, locale)
    if number is not None:
        grouped = {"type": "NUMBER", "pattern": "#,##0.##"} if number[1] else None
        return {"numberValue": number[0]}, grouped
    percent = _number(stripped[:-1].strip(), locale) if stripped.endswith("%") else None
    if percent is not None and not percent[1]:
        share = round(percent[0] / 100, 15)
        return {"numberValue": to_number(share)}, {"type": "PERCENT", "pattern": "0%"}
    parsed = _parse_date(stripped, locale)
    if parsed:
        return {"numberValue": parsed[0]}, {"type": "DATE", "pattern": parsed[1]}
    return {"stringValue": text}, None


def scalar_of(user_value: dict | None) -> Scalar:
    """The Python value of a non-formula userEnteredValue/effectiveValue."""
    if not user_value:
        return None
    if "numberValue" in user_value:
        return user_value["numberValue"]
    if "boolValue" in user_value:
        return user_value["boolValue"]
    if "stringValue" in user_value:
        return user_value["stringValue"]
    if "errorValue" in user_value:
        return FormulaError(user_value["errorValue"].get("message", "#ERROR!"))
    return None


def effective_json(value: Scalar) -> dict | None:
    """ExtendedValue JSON of an evaluated value (the `effectiveValue` key)."""
    if value is None:
        return None
    if isinstance(value, FormulaError):
        return {"errorValue": {"type": value.type, "message": value.message or value.code}}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int | float):
        return {"numberValue": to_number(value)}
    return {"stringValue": value}


def _format_general(x: float) -> str:
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _format_date(serial: float, pattern: str) -> str:
    moment = EPOCH + dt.timedelta(days=float(serial))
    tokens = [
        ("yyyy", f"{moment.year:04d}"),
        ("mm", f"{moment.month:02d}"),
        ("dd", f"{moment.day:02d}"),
        ("H", str(moment.hour)),
        ("ss", f"{moment.second:02d}"),
        ("M", str(moment.month)),
        ("d", str(moment.day)),
    ]
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith(":mm", i):
            out += f":{moment.minute:02d}"
            i += 3
            continue
        for tok, rep in tokens:
            if pattern.startswith(tok, i):
                out += rep
                i += len(tok)
                break
        else:
            out += pattern[i]
            i += 1
    return out


def _format_pattern(x: float, pattern: str) -> str:
    percent = "%" in pattern
    value = x * 100 if percent else x
    decimals = len(pattern.split(".", 1)[1].rstrip("%")) if "." in pattern else 0
    optional = "." in pattern and "#" in pattern.split(".", 1)[1]
    text = f"{value:,.{decimals}f}" if "," in pattern else f"{value:.{decimals}f}"
    if optional and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


def formatted(value: Scalar, number_format: dict | None) -> str | None:
    """FORMATTED_VALUE rendering of an evaluated value."""
    if value is None:
        return None
    if isinstance(value, FormulaError):
        return value.code
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        kind = (number_format or {}).get("type")
        pattern = (number_format or {}).get("pattern", "")
        if kind in DATE_TYPES and pattern:
            return _format_date(value, pattern)
        if pattern:
            return _format_pattern(value, pattern)
        if kind == "PERCENT":
            return _format_pattern(value, "0.00%")
        return _format_general(value)
    return value


def unformatted(value: Scalar) -> Any:
    """UNFORMATTED_VALUE rendering: numbers as JSON numbers, errors as their code."""
    if isinstance(value, FormulaError):
        return value.code
    if isinstance(value, float):
        return to_number(value)
    return value
