"""Who cannot open a Drive evidence file, read from the file's permissions.

Drive has no "can this person open that file" call; the permissions list says it: an
"anyone" permission opens it to all, a "domain" one to that domain's accounts, a "user"
one to that address. A file the service itself cannot see cannot be checked, which is
reported as such (the official must share it with the reviewers and the service).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import requests
from gspread.exceptions import APIError

from service.sheets.port import SheetBackendError

FIELDS = "permissions(type,role,emailAddress,domain),nextPageToken"
Drive = Callable[..., Any]


def cannot_open(permissions: list[dict[str, Any]], reviewers: Sequence[str]) -> list[str]:
    """The reviewers no permission lets read the file."""
    if any(p.get("type") == "anyone" for p in permissions):
        return []
    domains = {p.get("domain", "").lower() for p in permissions if p.get("type") == "domain"}
    users = {p.get("emailAddress", "").lower() for p in permissions if p.get("type") == "user"}
    return [r for r in reviewers
            if r.lower() not in users and r.lower().rpartition("@")[2] not in domains]


def evidence_access(drive: Drive, file_ids: Sequence[str],
                    reviewers: Sequence[str]) -> dict[str, list[str] | None]:
    """{file id: reviewers who cannot open it}; None when the service cannot read it."""
    result: dict[str, list[str] | None] = {}
    for file_id in dict.fromkeys(file_ids):
        permissions: list[dict[str, Any]] = []
        token: str | None = None
        try:
            while True:
                params = {"fields": FIELDS, "pageSize": "100"}
                if token:
                    params["pageToken"] = token
                page = drive("GET", f"/{file_id}/permissions", params=params)
                permissions += page.get("permissions", [])
                token = page.get("nextPageToken")
                if not token:
                    break
        except APIError as error:
            if error.code in (403, 404):  # the service cannot see the file
                result[file_id] = None
            continue  # anything else: not checked this cycle, asked again next cycle
        except (SheetBackendError, requests.RequestException):
            continue  # Drive is having a moment; the rest of the cycle carries on
        result[file_id] = cannot_open(permissions, reviewers)
    return result
