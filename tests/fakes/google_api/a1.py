"""A1 notation: parsing what clients send and printing ranges the way Google prints them.

Google answers `'Sheet1'!A1:D4` with `Sheet1!A1:D4` (plain names unquoted), quotes names
with spaces or emoji, and reports a whole-sheet or whole-column read with the grid size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import bad_request

_CELL = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d*)$")
_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOOKS_LIKE_REF = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d+[Cc]\d+|[A-Za-z]{1,3}|\d+)$")


@dataclass(frozen=True)
class Bounds:
    """A rectangle, 0-based and end-exclusive; None means "to the edge of the grid"."""

    r0: int | None
    r1: int | None
    c0: int | None
    c1: int | None

    def resolve(self, rows: int, cols: int) -> Bounds:
        """Fill open edges with the grid size, as Google does for `A:A` or `Sheet1`."""
        return Bounds(
            self.r0 or 0,
            rows if self.r1 is None else self.r1,
            self.c0 or 0,
            cols if self.c1 is None else self.c1,
        )

    @property
    def height(self) -> int:
        return (self.r1 or 0) - (self.r0 or 0)

    @property
    def width(self) -> int:
        return (self.c1 or 0) - (self.c0 or 0)


WHOLE = Bounds(None, None, None, None)


def col_to_index(letters: str) -> int:
    """`A` -> 0, `AA` -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def index_to_col(index: int) -> str:
    """0 -> `A`, 26 -> `AA`."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def quote_title(title: str) -> str:
    """Quote a sheet name only when Google would: anything but a plain identifier."""
    if _PLAIN_NAME.match(title) and not _LOOKS_LIKE_REF.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """Split `'My sheet'!A1:B2` into (`My sheet`, `A1:B2`); either part may be None."""
    text = text.strip()
    if text.startswith("'"):
        i, name = 1, ""
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if text[i + 1 : i + 2] == "'":
                    name += "'"
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return name, None
                if rest.startswith("!"):
                    return name, rest[1:] or None
                raise bad_request(f"Unable to parse range: {text}")
            name += ch
            i += 1
        raise bad_request(f"Unable to parse range: {text}")
    if "!" in text:
        name, _, cells = text.rpartition("!")
        return name, cells or None
    return None, text


def _parse_point(part: str, text: str) -> tuple[int | None, int | None]:
    m = _CELL.match(part)
    if not m or (not m.group(1) and not m.group(2)):
        raise bad_request(f"Unable to parse range: {text}")
    col = col_to_index(m.group(1)) if m.group(1) else None
    row = int(m.group(2)) - 1 if m.group(2) else None
    if row is not None and row < 0:
        raise bad_request(f"Unable to parse range: {text}")
    return row, col


def looks_like_cells(ref: str) -> bool:
    """Whether `ref` parses as a cell range (used to tell a sheet name from `A1:B2`)."""
    try:
        parse_cells(ref)
    except Exception:
        return False
    return True


def parse_cells(ref: str) -> Bounds:
    """Parse `A1`, `A1:B2`, `A:C`, `2:5` or `A2:C` into Bounds."""
    first, sep, second = ref.partition(":")
    r0, c0 = _parse_point(first, ref)
    if not sep:
        if r0 is None or c0 is None:
            raise bad_request(f"Unable to parse range: {ref}")
        return Bounds(r0, r0 + 1, c0, c0 + 1)
    r1, c1 = _parse_point(second, ref)
    if (r0 is None) != (r1 is None) and r0 is None:
        r0 = 0
    if (c0 is None) != (c1 is None) and c0 is None:
        c0 = 0
    lo_r = None if r0 is None and r1 is None else min(x for x in (r0, r1) if x is not None)
    lo_c = None if c0 is None and c1 is None else min(x for x in (c0, c1) if x is not None)
    hi_r = None if r1 is None else max(x for x in (r0, r1) if x is not None) + 1
    hi_c = None if c1 is None else max(x for x in (c0, c1) if x is not None) + 1
    return Bounds(lo_r, hi_r, lo_c, hi_c)


def format_cells(b: Bounds) -> str:
    """Print resolved bounds as `A1` or `A1:D4`."""
    assert b.r0 is not None and b.r1 is not None and b.c0 is not None and b.c1 is not None
    start = f"{index_to_col(b.c0)}{b.r0 + 1}"
    end = f"{index_to_col(b.c1 - 1)}{b.r1}"
    return start if start == end else f"{start}:{end}"


def format_range(title: str, b: Bounds) -> str:
    """Google's printed form: `Sheet1!A1:D4`, `'🌵 x'!A1:C2`."""
    return f"{quote_title(title)}!{format_cells(b)}"


def grid_range_to_bounds(gr: dict) -> Bounds:
    """Translate a GridRange (missing indexes = unbounded) into Bounds."""
    return Bounds(
        gr.get("startRowIndex"),
        gr.get("endRowIndex"),
        gr.get("startColumnIndex"),
        gr.get("endColumnIndex"),
    )


def contains(outer: Bounds, row: int, col: int) -> bool:
    """Whether (row, col) is inside possibly-open bounds."""
    return (
        (outer.r0 is None or row >= outer.r0)
        and (outer.r1 is None or row < outer.r1)
        and (outer.c0 is None or col >= outer.c0)
        and (outer.c1 is None or col < outer.c1)
    )
