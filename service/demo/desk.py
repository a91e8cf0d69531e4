"""Simulated people at their desks, typing into the month's spreadsheets.

Each desk goes through the same door a person would: Excel's sheet protection for local
workbooks, the Sheets API with the person's own identity for Google. A locked cell refuses
the edit in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import requests
from openpyxl import load_workbook


class LockedCellError(PermissionError):
    """What Excel (or Google) says when someone types into a cell that is locked for them."""


class Desk(Protocol):
    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None: ...

    def evidence_link(self, who: str, name: str, readers: Sequence[str]) -> str:
        """Put an evidence file somewhere the reviewers can open it; return its link."""
        ...


class LocalDesk:
    """A workbook opened in Excel: anyone with the file may type, locked cells refuse."""

    def __init__(self, sheets_root: Path) -> None:
        self.root = sheets_root

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


class GoogleFakeDesk:
    """A person in the Google Sheets UI, played through the API fake with their own token."""

    def __init__(self, fake: Any, tokens: dict[str, str]) -> None:
        self.fake = fake
        self.tokens = tokens

    def evidence_link(self, who: str, name: str, readers: Sequence[str]) -> str:
        """Upload to the official's own Drive and share it with the reviewers, as they
        would in the Drive UI (through the same HTTP API, with their own token)."""
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.tokens[who]}"
        self.fake.mount(session)
        drive = "https://www.googleapis.com/drive/v3/files"
        created = session.post(drive, json={"name": f"Bukti {name}.pdf",
                                            "mimeType": "application/pdf"})
        created.raise_for_status()
        file_id = created.json()["id"]
        for reader in readers:
            session.post(f"{drive}/{file_id}/permissions",
                         params={"sendNotificationEmail": "false"},
                         json={"type": "user", "role": "reader",
                               "emailAddress": reader}).raise_for_status()
        return f"https://drive.google.com/file/d/{file_id}/view"

    def type_values(self, who: str, key: str, tab: str, cells: dict[str, object]) -> None:
        for a1, value in cells.items():
            status = self.fake.user_edit(self.tokens[who], key, f"'{tab}'!{a1}", [[value]])
            if status != 200:
                raise LockedCellError(f"{who} tidak dapat mengubah {tab}!{a1} (HTTP {status})")
