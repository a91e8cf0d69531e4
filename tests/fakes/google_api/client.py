"""A tiny raw-HTTP client for tests that talk to FakeGoogle the way Google is talked to.

Each call names its caller by token, so a test reads like "Ana writes A1" and the fake
decides with its own access and protection rules. No gspread involved on purpose.
"""

from __future__ import annotations

from typing import Any

import requests

from .app import FakeGoogle

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
DRIVE = "https://www.googleapis.com/drive/v3"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


def grid_range(r0: int, r1: int, c0: int, c1: int, sheet_id: int = 0) -> dict[str, int]:
    """A GridRange from 0-based, end-exclusive indexes."""
    return {
        "sheetId": sheet_id,
        "startRowIndex": r0,
        "endRowIndex": r1,
        "startColumnIndex": c0,
        "endColumnIndex": c1,
    }


class GoogleHttp:
    """Raw Sheets/Drive calls against a mounted FakeGoogle session."""

    def __init__(self, fake: FakeGoogle) -> None:
        self.session = fake.mount(requests.Session())

    def __call__(self, method: str, url: str, token: str = "sa", **kw: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
        return self.session.request(method, url, headers=headers, **kw)

    def create(self, name: str, parent: str | None = None, token: str = "sa") -> requests.Response:
        body: dict[str, Any] = {"name": name, "mimeType": SPREADSHEET_MIME}
        if parent:
            body["parents"] = [parent]
        return self("POST", f"{DRIVE}/files", token, json=body, params={"supportsAllDrives": True})

    def put(
        self, sid: str, rng: str, values: list, token: str = "sa", option: str = "USER_ENTERED"
    ) -> requests.Response:
        params = {"valueInputOption": option}
        url = f"{SHEETS}/{sid}/values/{rng}"
        return self("PUT", url, token, json={"values": values}, params=params)

    def values(self, sid: str, rng: str, render: str = "FORMATTED_VALUE") -> Any:
        """The `values` of a range (None when Google would omit the key); asserts 200."""
        r = self("GET", f"{SHEETS}/{sid}/values/{rng}", params={"valueRenderOption": render})
        assert r.status_code == 200, r.text
        return r.json().get("values")

    def batch(self, sid: str, *requests_: dict[str, Any], token: str = "sa") -> requests.Response:
        return self("POST", f"{SHEETS}/{sid}:batchUpdate", token, json={"requests": requests_})

    def protect(self, sid: str, editors: list[str], token: str = "sa", **extra: Any) -> Any:
        pr = {"range": grid_range(0, 2, 0, 2), "editors": {"users": editors}, **extra}
        return self.batch(sid, {"addProtectedRange": {"protectedRange": pr}}, token=token)

    def share(self, file_id: str, email: str, role: str = "writer") -> requests.Response:
        body = {"type": "user", "role": role, "emailAddress": email}
        params = {"sendNotificationEmail": "False", "supportsAllDrives": "True"}
        return self("POST", f"{DRIVE}/files/{file_id}/permissions", json=body, params=params)

    def metadata(self, sid: str, token: str = "sa") -> dict[str, Any]:
        return self("GET", f"{SHEETS}/{sid}", token).json()
