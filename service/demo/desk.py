"""Simulated people at their desks, typing into the month's spreadsheets.

Each desk goes through the same door a person would: Excel's sheet protection for local
workbooks, the Sheets API with the person's own identity for Google. A locked cell refuses
the edit in both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from openpyxl import load_workbook


class LockedCellError(PermissionError):
    """What Excel (or Google) says when someone types into a cell that is locked for them."""


class Desk(Protocol):
    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None: ...


class LocalDesk:
    """A workbook opened in Excel: anyone with the file may type, locked cells refuse."""

    def __init__(self, sheets_root: Path) -> None:
        self.root = sheets_root

    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None:
        path = self.root / key
        workbook = load_workbook(path)
        sheet = workbook[tab]
        for a1, value in cells.items():
            cell = sheet[a1]
            if sheet.protection.sheet and cell.protection.locked:
                raise LockedCellError(f"sel {tab}!{a1} terkunci")
            cell.value = value
        workbook.save(path)


class GoogleFakeDesk:
    """A person in the Google Sheets UI, played through the API fake with their own token."""

    def __init__(self, fake: Any, tokens: dict[str, str]) -> None:
        self.fake = fake
        self.tokens = tokens

    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None:
        for a1, value in cells.items():
            status = self.fake.user_edit(self.tokens[who], key, f"'{tab}'!{a1}", [[value]])
            if status != 200:
                raise LockedCellError(f"{who} tidak dapat mengubah {tab}!{a1} (HTTP {status})")
