"""Where things are in the official sheet and the master recap, read from `sheet_templates/`.

The layouts are data so an office can rename a header or widen a column without touching
code; everything that needs a cell address (jobs, both backends, tests) asks this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "sheet_templates"

TICK_TRUE_TEXTS = {"true", "ya", "x", "v", "✓", "✔", "1", "benar"}


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_ticked(value: object) -> bool:
    """A tick as a checkbox (Google) or as typed in Excel (TRUE, x, ✓, ya). A workbook saved
    by LibreOffice Calc stores a typed TRUE as the formula `=TRUE()`, which openpyxl reads as
    that text: it is a tick too."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value == 1
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text in TICK_TRUE_TEXTS or text in ("=true()", "=true")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    letter: str
    editable: bool = False
    editable_by: str | None = None
    wrap: bool = False  # long text wraps in print instead of being cut at the border


def _columns(raw: list[dict]) -> tuple[Column, ...]:
    return tuple(
        Column(
            key=c["key"],
            header=c["header"],
            width=c.get("width", 12),
            letter=column_letter(i),
            editable=c.get("editable", False),
            editable_by=c.get("editable_by"),
            wrap=c.get("wrap", False),
        )
        for i, c in enumerate(raw, start=1)
    )


@dataclass(frozen=True)
class Table:
    """A tab holding a header row and one data row per item below it."""

    tab: str
    title: str
    header_row: int
    columns: tuple[Column, ...]
    landscape: bool = False  # printed across the page ("print": {"orientation": ...})

    def col(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.letter
        raise KeyError(key)

    def col_beside(self, key: str, offset: int) -> str:
        """The letter `offset` columns from `key` (-1: the one before), past Z too."""
        index = [c.key for c in self.columns].index(key) + 1 + offset
        return column_letter(index)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_col(self) -> str:
        return self.columns[-1].letter

    def data_row(self, index: int) -> int:
        """Sheet row of the item at 0-based `index`."""
        return self.first_data_row + index

    def last_data_row(self, count: int) -> int:
        return self.first_data_row + max(count, 1) - 1

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def widths(self) -> dict[str, float]:
        return {c.letter: c.width for c in self.columns}

    def wrap_columns(self) -> tuple[str, ...]:
        return tuple(c.letter for c in self.columns if c.wrap)


@dataclass(frozen=True)
class OfficialLayout:
    table: Table
    identity_rows: tuple[tuple[str, str], ...]
    submit_row: int
    submit_label: str
    submit_hint: str

    @property
    def submit_cell(self) -> str:
        return f"B{self.submit_row}"

    def identity_cell(self, key: str) -> str:
        for row, (name, _) in enumerate(self.identity_rows, start=2):
            if name == key:
                return f"B{row}"
        raise KeyError(key)

    def editable_columns(self) -> list[Column]:
        return [c for c in self.table.columns if c.editable]


@dataclass(frozen=True)
class MasterLayout:
    recap: Table
    status_row: int
    review_options: tuple[str, ...]
    signoff: Table
    summary: Table
    sla: Table
    ytd: Table


@cache
def official_layout(templates_dir: Path = TEMPLATES_DIR) -> OfficialLayout:
    raw = json.loads((templates_dir / "official.json").read_text(encoding="utf-8"))
    return OfficialLayout(
        table=_table(raw),
        identity_rows=tuple(tuple(r) for r in raw["identity_rows"]),
        submit_row=raw["submit"]["row"],
        submit_label=raw["submit"]["label"],
        submit_hint=raw["submit"]["hint"],
    )


def _table(raw: dict) -> Table:
    landscape = raw.get("print", {}).get("orientation", "portrait") == "landscape"
    return Table(raw["tab"], raw["title"], raw["header_row"], _columns(raw["columns"]),
                 landscape)


@cache
def master_layout(templates_dir: Path = TEMPLATES_DIR) -> MasterLayout:
    raw = json.loads((templates_dir / "master.json").read_text(encoding="utf-8"))
    return MasterLayout(
        recap=_table(raw["recap"]),
        status_row=raw["recap"]["status_row"],
        review_options=tuple(raw["recap"]["review_options"]),
        signoff=_table(raw["signoff"]),
        summary=_table(raw["summary"]),
        sla=_table(raw["sla"]),
        ytd=_table(raw["ytd"]),
    )
