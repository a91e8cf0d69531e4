"""Reading a number (or a date) the way an Indonesian office types it.

Indonesian writing uses "," for decimals and "." for thousands ("1.234,5"); Babel's strict
id_ID parser reads that, including the grouping check that tells "1.234" (one thousand two
hundred thirty-four) from a typo like "12.34.5". English habits ("1,234.5", "12.5") are
accepted only where the Indonesian reading is impossible and the English one is not, so a
value is taken only when it has one reading. Everything else - an estimate ("± 300",
"sekitar 12"), a range ("10-12"), a date that Excel made of what was typed, a formula
error - becomes a note that says what was read and what is expected. A rupiah amount
("Rp 1.500.000", "1,5 juta") is taken apart by `domain.money` and read by the same rules,
refused where its separators allow two readings. The person's text is never changed; the
service only writes notes and its own columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from service.domain.money import (
    ambiguous_problem,
    split_amount,
    thousands_reading,
    unreadable_problem,
)
from service.domain.period import BULAN

MINUS_SIGNS = ("\u2212",)  # "−", what Word and phones put in for a minus
APPROX_SIGNS = ("±", "+/-", "+-", "~", "≈", "<", ">", "≤", "≥")
APPROX_WORDS = ("kurang lebih", "lebih kurang", "kurleb", "sekitar", "kira-kira", "kira kira",
                "kira2", "hampir", "lebih dari", "kurang dari", "minimal", "maksimal", "kisaran")
RANGE_SEPARATORS = (" s.d. ", " s.d ", " s/d ", " sd ", " sampai ", " hingga ", " – ", " — ",
                    " - ", "–", "—", "-")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S")
EXAMPLE = "mis. 12 atau 12,5"


@dataclass(frozen=True)
class ParsedValue:
    """`value` is None for a blank; `problem` is the Indonesian note text, or None."""

    value: Decimal | None
    problem: str | None = None

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.problem is None


@dataclass(frozen=True)
class ParsedDate:
    """`value` is None for a blank; `problem` is the Indonesian note text, or None."""

    value: date | None
    problem: str | None = None


def not_a_number(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Isi dengan angka saja, '
            f"{EXAMPLE} (tanpa satuan).")


def estimate_problem(text: str, marker: str, number: Decimal | None) -> str:
    example = f"mis. {format_id(number)}" if number is not None else EXAMPLE
    return (f'Nilai "{text}" tidak terbaca sebagai angka. "{marker}" menandakan perkiraan; '
            f"isi satu angka realisasi yang pasti, {example}.")


def range_problem(text: str, low: Decimal, high: Decimal) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Terbaca rentang {format_id(low)} '
            f"sampai {format_id(high)}; isi satu angka realisasi, bukan rentang.")


def date_problem(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Sel berisi tanggal (Excel/Sheets '
            "dapat mengubah isian seperti 12/5 menjadi tanggal); ubah format sel menjadi "
            f"teks atau angka, lalu isi angka realisasi, {EXAMPLE}.")


def formula_error_problem(text: str) -> str:
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Sel berisi galat rumus; isi angka '
            f"hasilnya langsung, {EXAMPLE}.")


def format_id(value: Decimal) -> str:
    """Indonesian number format without trailing zeros: 1234.50 -> 1.234,5."""
    text = f"{value.normalize():,f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def parse_value(raw: object) -> ParsedValue:
    """Parse what a person typed into a number cell (one function for every caller)."""
    if raw is None:
        return ParsedValue(None)
    if isinstance(raw, bool):
        return ParsedValue(None, not_a_number(str(raw)))
    if isinstance(raw, datetime | date):
        shown = raw.date() if isinstance(raw, datetime) else raw
        return ParsedValue(None, date_problem(shown.isoformat()))
    if isinstance(raw, int | float | Decimal):
        value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        if not value.is_finite():
            return ParsedValue(None, not_a_number(str(raw)))
        return _plausible(value, str(raw))
    text = _clean(str(raw))
    if not text:
        return ParsedValue(None)
    amount = _amount(text)
    if amount is not None and amount.problem:
        return amount
    reading = amount.value if amount is not None else _with_unit(text)
    if reading is not None:
        return _plausible(reading, text)
    return ParsedValue(None, _why_not(text))


LARGEST = Decimal("1e15")  # no count, percentage, duration or budget (in rupiah) comes near


def _amount(text: str) -> ParsedValue | None:
    """A rupiah amount or a number with a scale word, or None for any other text.

    Stricter than a bare number: when the separators also read as thousands and that gives
    another value ("Rp 1,500": 1,5 or 1.500), the amount is refused rather than guessed."""
    amount = split_amount(text)
    if amount is None:
        return None
    value = _number(amount.digits)
    if value is None:
        return ParsedValue(None, unreadable_problem(text, amount.digits))
    other = thousands_reading(amount.digits)
    if other is not None and other != value:
        return ParsedValue(None, ambiguous_problem(text, format_id(value * amount.scale),
                                                   format_id(other * amount.scale)))
    return ParsedValue(-value * amount.scale if amount.negative else value * amount.scale)


def _reading(text: str) -> Decimal | None:
    """The value of a part of a refused text (an estimate's number, a range's ends)."""
    amount = _amount(text)
    return amount.value if amount is not None else _with_unit(text)


def _plausible(value: Decimal, typed: str) -> ParsedValue:
    """A number too large for any realization is a typing slip (a pasted NIK, a row of
    zeros); it gets a note rather than breaking the arithmetic of the whole cycle."""
    if abs(value) >= LARGEST:
        return ParsedValue(None, f'Nilai "{typed}" terlalu besar untuk sebuah realisasi. '
                                 "Periksa kembali angkanya, mis. 12 atau 12,5.")
    return ParsedValue(value)


def _clean(text: str) -> str:
    """Collapse every kind of space (NBSP, narrow NBSP, tabs) and normalise minus signs."""
    text = " ".join(text.split())
    for sign in MINUS_SIGNS:
        text = text.replace(sign, "-")
    return text


def _with_unit(text: str) -> Decimal | None:
    """A number, optionally followed by "%" or one plain word ("12 dokumen", "3 hari")."""
    if text.endswith("%"):
        return _number(text[:-1].rstrip())
    start = next((i for i, ch in enumerate(text) if ch.isalpha()), len(text))
    number, unit = text[:start].rstrip(), text[start:]
    if unit and not unit.isalpha():
        return None
    return _number(number)


def _number(text: str) -> Decimal | None:
    """A bare number with an optional leading minus, read by Babel (id_ID, then English)."""
    negative = text.startswith("-")
    body = text.removeprefix("-").lstrip()
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        return None
    if any(not (ch.isdigit() or ch in ".,") for ch in body):
        return None  # Babel would also take "+5" or "1e3"; nobody types those on purpose
    value: Decimal | None
    try:
        value = parse_decimal(body, locale="id_ID", strict=True)
    except (NumberFormatError, InvalidOperation):
        value = _english(body)
    if value is None:
        return None
    return -value if negative else value


def _english(body: str) -> Decimal | None:
    """"1,234.5" or "12.5": the English reading, when the last separator is a decimal point."""
    if "." not in body or body.rfind(".") < body.rfind(","):
        return None
    try:
        return parse_decimal(body, locale="en_US", strict=True)
    except (NumberFormatError, InvalidOperation):
        return None


def _why_not(text: str) -> str:
    """The most helpful note for text that is not a number."""
    if text.startswith("#"):
        return formula_error_problem(text)
    if _as_date(text) is not None:
        return date_problem(text)
    lower = text.lower()
    for sign in APPROX_SIGNS:
        if sign in lower:
            return estimate_problem(text, sign, _reading(_drop(lower, sign)))
    for word in APPROX_WORDS:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lower):
            return estimate_problem(text, word, _reading(_drop(lower, word)))
    for separator in RANGE_SEPARATORS:
        at = lower.find(separator, 1)  # from 1: a leading "-" is a minus sign
        if at > 0:
            low, high = _reading(lower[:at].strip()), _reading(_clean(lower[at + len(separator):]))
            if low is not None and high is not None:
                return range_problem(text, low, high)
    return not_a_number(text)


def _drop(text: str, marker: str) -> str:
    return _clean(text.replace(marker, " "))


def _as_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_date(raw: object) -> ParsedDate:
    """A date where a date is expected: a date cell, ISO text, dd/mm/yyyy or "5 Oktober 2026".

    Day-first, as Indonesians write it; a bare number is refused because an Excel serial
    and a typed number cannot be told apart."""
    if raw is None:
        return ParsedDate(None)
    if isinstance(raw, datetime):
        return ParsedDate(raw.date())
    if isinstance(raw, date):
        return ParsedDate(raw)
    text = _clean(str(raw))
    if not text:
        return ParsedDate(None)
    found = _as_date(text) or _named_month_date(text)
    if found is not None:
        return ParsedDate(found)
    return ParsedDate(None, f'Tanggal "{text}" tidak terbaca. Isi tanggal seperti 05/10/2026 '
                            "(hari/bulan/tahun) atau 2026-10-05.")


def _named_month_date(text: str) -> date | None:
    """'5 Oktober 2026' or '5 Okt 2026'."""
    parts = text.split(" ")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    name = parts[1].lower()
    months = [i for i, bulan in enumerate(BULAN, start=1)
              if bulan.lower() == name or (len(name) >= 3 and bulan.lower().startswith(name))]
    if len(months) != 1:
        return None
    try:
        return date(int(parts[2]), months[0], int(parts[0]))
    except ValueError:
        return None
