"""The sign-off hash chain: tamper evidence for what each approver vouched for.

Sheet protection does not bind a spreadsheet's owner, so a lock alone proves nothing. At each
sign-off the service writes down the cells the approver vouched for, as canonical text, and
hashes them together with the previous link's hash: ``sha256(previous + canonical JSON)``.
Changing any vouched cell, or any earlier link, changes every hash after it, so the chain's
final hash printed on the archived PDF stands for the whole month as approved.

Pure: no I/O. The jobs decide which cells a role vouches for and read the sheets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

GENESIS = ""  # the previous hash of the first link (the PP sign-off)

# {sheet key: {"Tab!A1": canonical text}}
Cells = Mapping[str, Mapping[str, str]]


def canonical_cell(value: object) -> str:
    """One cell as text that reads the same from the database, an .xlsx file and Google.

    Numbers lose their type (3920, 3920.0 and "3920" are the same number a person typed)
    but not their digits; blank and whitespace-only are the same blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return _number(value)
    text = str(value)
    if not text.strip():
        return ""
    try:
        if text == text.strip() and text.lstrip("-").replace(".", "", 1).isdigit():
            return _number(Decimal(text))
    except InvalidOperation:
        pass
    return text


def _number(value: int | float | Decimal) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def canonical_json(payload: object) -> str:
    """The one serialization that is hashed: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_iso(moment: datetime) -> str:
    """The same instant always gives the same text, whatever zone the clock used."""
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True)
class Link:
    """One sign-off in the chain, as stored with the sign-off record."""

    role: str
    signer_nip: str
    signed_at: str  # utc_iso
    previous_hash: str
    values_hash: str  # sha256 of the vouched cells alone
    chain_hash: str  # sha256(previous_hash + canonical JSON of the whole link payload)


def link_payload(office: str, period: str, role: str, signer_nip: str, signed_at: str,
                 cells: Cells) -> dict[str, object]:
    """Who vouched, when, for which month, and for exactly which cell values."""
    return {"office": office, "period": period, "role": role, "signer_nip": signer_nip,
            "signed_at": signed_at, "cells": {k: dict(v) for k, v in cells.items()}}


def make_link(previous_hash: str, office: str, period: str, role: str, signer_nip: str,
              signed_at: datetime, cells: Cells) -> Link:
    when = utc_iso(signed_at)
    payload = link_payload(office, period, role, signer_nip, when, cells)
    return Link(
        role=role,
        signer_nip=signer_nip,
        signed_at=when,
        previous_hash=previous_hash,
        values_hash=sha256_text(canonical_json(payload["cells"])),
        chain_hash=sha256_text(previous_hash + canonical_json(payload)),
    )


def broken_links(office: str, period: str,
                 links: Sequence[tuple[Link, Cells]]) -> list[str]:
    """Roles whose stored hashes no longer follow from their stored cells and predecessor:
    the database itself was edited. Empty when the chain holds."""
    problems: list[str] = []
    previous = GENESIS
    for stored, cells in links:
        again = make_link(previous, office, period, stored.role, stored.signer_nip,
                          datetime.fromisoformat(stored.signed_at), cells)
        if stored.previous_hash != previous:
            problems.append(f"{stored.role}: hash sebelumnya tidak cocok dengan mata rantai "
                            "sebelumnya")
        elif again.chain_hash != stored.chain_hash or again.values_hash != stored.values_hash:
            problems.append(f"{stored.role}: hash tidak cocok dengan nilai yang disahkan")
        previous = stored.chain_hash
    return problems


@dataclass(frozen=True)
class CellChange:
    """A vouched cell whose value is no longer what was signed."""

    key: str
    cell: str  # "Tab!A1"
    old: str
    new: str


def changed_cells(expected: Cells, actual: Cells) -> list[CellChange]:
    """Every vouched cell that reads differently now; cells not vouched for are ignored."""
    changes: list[CellChange] = []
    for key in sorted(expected):
        now = actual.get(key, {})
        for cell, old in sorted(expected[key].items(), key=lambda item: _cell_order(item[0])):
            new = now.get(cell, "")
            if new != old:
                changes.append(CellChange(key, cell, old, new))
    return changes


def _cell_order(ref: str) -> tuple[str, int, str]:
    tab, a1 = ref.rsplit("!", 1)
    letters = a1.rstrip("0123456789")
    return tab, int(a1[len(letters):] or 0), letters.rjust(3)
