"""Simulated people at their desks, typing into the month's spreadsheets.

Each desk goes through the same door a person would: Excel's sheet protection for local
workbooks here; the Sheets API with the person's own identity for Google
(tests/fakes/google_api/world.py, beside the fake it drives). A locked cell refuses the
edit in both.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from openpyxl import load_workbook


class LockedCellError(PermissionError):
    """What Excel (or Google) says when someone types into a cell that is locked for them."""


class Desk(Protocol):
    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None: ...

    def evidence_link(self, who: str, name: str, readers: Sequence[str]) -> str:
        """Put an evidence file somewhere the reviewers can open it; return its link."""
        ...


class LocalDesk:
    """A workbook opened in Excel: anyone with the file may type, locked cells refuse.

    With `now`, a save is stamped with the simulated time as a workstation's clock would
    stamp it, so the service sees when the person saved (not when the demo ran)."""

    def __init__(self, sheets_root: Path, now: Callable[[], datetime] | None = None) -> None:
        self.root = sheets_root
        self.now = now

    def evidence_link(self, who: str, name: str, readers: Sequence[str]) -> str:
        return f"https://drive.google.com/file/d/bukti-{name.lower()}-0000/view"

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
        if self.now is not None:
            stamp = int(self.now().timestamp() * 1e9)
            os.utime(path, ns=(stamp, stamp))
