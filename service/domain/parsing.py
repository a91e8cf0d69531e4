"""Reading a number the way an Indonesian office types it.

Indonesian writing uses "," for decimals and "." for thousands ("1.234,5"), but spreadsheets
set to English habits produce "1234.5". A value is accepted only when it has one reading;
anything else becomes a note that says what was read and what is expected, and the
person's text is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234 or 1.234,5
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234 or 1,234.5 (English)
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")  # 12,5
_PLAIN = re.compile(r"^\d+(\.\d+)?$")  # 12 or 12.5
_TRAILING_PERCENT = re.compile(r"\s*%$")


@dataclass(frozen=True)
class ParsedValue:
    """`value` is None for a blank; `problem` is the Indonesian note text, or None."""

    value: Decimal | None
    problem: str | None = None

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.problem is None


def _not_a_number(text: str) -> ParsedValue:
    return ParsedValue(
        None,
        f'Nilai "{text}" tidak terbaca sebagai angka. Isi dengan angka saja, '
        "mis. 12 atau 12,5 (tanpa satuan).",
    )


def parse_value(raw: object) -> ParsedValue:
    """Parse what a person typed into a realization cell."""
    if raw is None:
        return ParsedValue(None)
    if isinstance(raw, bool):
        return _not_a_number(str(raw))
    if isinstance(raw, int | float):
        value = Decimal(str(raw))
        return ParsedValue(value) if value.is_finite() else _not_a_number(str(raw))
    text = str(raw).strip()
    if not text:
        return ParsedValue(None)
    body = _TRAILING_PERCENT.sub("", text)
    negative = body.startswith("-")
    body = body.removeprefix("-").strip()
    if _THOUSANDS_DOT.match(body):
        normal = body.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(body):
        normal = body.replace(",", ".")
    elif _THOUSANDS_COMMA.match(body) and "." in body:
        normal = body.replace(",", "")
    elif _PLAIN.match(body):
        normal = body
    else:
        return _not_a_number(text)
    try:
        value = Decimal(normal)
    except InvalidOperation:
        return _not_a_number(text)
    return ParsedValue(-value if negative else value)
