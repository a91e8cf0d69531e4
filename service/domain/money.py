"""Recognising a rupiah amount the way invoices write it: "Rp 1.500.000", "Rp1.500.000,00",
"Rp. 750.000", "IDR 2.500.000", "1.500.000 rupiah", "Rp 1.500.000,-", "Rp 1,5 juta".

This module only takes the text apart (currency mark, number, scale word) and words the
notes; the number itself is read by `domain.parsing`, so an amount follows the same
Indonesian-first rules as any other number. What is stricter for an amount is ambiguity:
rupiah practically never have a fractional part other than ",00", so "Rp 1,500" was almost
certainly meant as one thousand five hundred, while the Indonesian reading says one and a
half. Where the separators can be read both as decimals and as thousands the amount is
refused and the note names both readings; a percentage such as "1,234" keeps its single
Indonesian reading (see `parsing`).

A currency mark is taken like a unit word, on any indicator: the parser does not know the
indicator's unit, and "12 dokumen" on a percentage indicator is accepted in the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CURRENCY = r"(?:rp\.?|idr|rupiah)"
SCALES = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12}
_AMOUNT = re.compile(
    rf"""(?P<sign>-\s*)?
         (?P<currency_before>{CURRENCY}\s*)?
         (?P<minus>-\s*)?
         (?P<digits>\d(?:[\d.,]*\d)?)
         (?:[.,]-)?                                  # "Rp 1.500.000,-": no sen
         (?:\s*(?P<scale>{"|".join(SCALES)})\.?)?
         (?:\s*(?P<currency_after>{CURRENCY}))?""",
    re.IGNORECASE | re.VERBOSE,
)
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
MONEY_HOW = ("Untuk rupiah, pakai titik sebagai pemisah ribuan dan koma untuk desimal, "
             "mis. Rp 1.500.000 atau Rp 1.500.000,50.")


@dataclass(frozen=True)
class Amount:
    """`digits` is the number as typed, without sign; `scale` multiplies it ("juta": 10**6)."""

    negative: bool
    digits: str
    scale: Decimal


def split_amount(text: str) -> Amount | None:
    """The parts of an amount, or None when the text carries neither a currency mark nor a
    scale word (then it is an ordinary number, left to the ordinary reader)."""
    found = _AMOUNT.fullmatch(text)
    if found is None or (found["sign"] and found["minus"]):
        return None
    if not (found["currency_before"] or found["currency_after"] or found["scale"]):
        return None
    power = SCALES[found["scale"].lower()] if found["scale"] else 0
    return Amount(bool(found["sign"] or found["minus"]), found["digits"],
                  Decimal(10 ** power))


def thousands_reading(digits: str) -> Decimal | None:
    """The value when every "." and "," is a thousands separator, if the groups allow it."""
    if _GROUPED.fullmatch(digits) is None:
        return None
    return Decimal(digits.replace(".", "").replace(",", ""))


def ambiguous_problem(text: str, as_read: str, as_thousands: str) -> str:
    """Two readings of one amount ("Rp 1,500": 1,5 or 1.500); neither may be guessed."""
    return (f'Nilai "{text}" tidak terbaca sebagai angka. Jumlah ini dapat dibaca dua cara: '
            f"{as_read} atau {as_thousands}, karena pemisahnya dapat berarti desimal atau "
            f"ribuan. {MONEY_HOW}")


def unreadable_problem(text: str, digits: str) -> str:
    """An amount whose separators give no number; the note says what went wrong with them."""
    if "," in digits and "." in digits:
        why = ("Titik dan koma tercampur, sehingga tidak jelas mana pemisah ribuan dan mana "
               "desimal. ")
    elif "," in digits and thousands_reading(digits) is not None:
        why = ("Koma dipakai sebagai pemisah ribuan, padahal dalam penulisan Indonesia koma "
               "adalah tanda desimal. ")
    else:
        why = ""
    return f'Nilai "{text}" tidak terbaca sebagai angka. {why}{MONEY_HOW}'
