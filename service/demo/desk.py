"""A simulated person at their desk, typing into a local workbook the way Excel would let
them: a cell locked under sheet protection refuses the edit."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


class LockedCellError(PermissionError):
    """What Excel says when someone types into a locked cell of a protected sheet."""


class LocalDesk:
    def __init__(self, sheets_root: Path) -> None:
        self.root = sheets_root

    def type_values(self, key: str, tab: str, cells: dict[str, object]) -> None:
        path = self.root / key
        workbook = load_workbook(path)
        sheet = workbook[tab]
        for a1, value in cells.items():
            cell = sheet[a1]
            if sheet.protection.sheet and cell.protection.locked:
                raise LockedCellError(f"sel {tab}!{a1} terkunci")
            cell.value = value
        workbook.save(path)
