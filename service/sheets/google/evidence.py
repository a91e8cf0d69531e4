"""Who cannot open a Drive evidence file, read from the file's permissions.

Drive has no "can this person open that file" call; the permissions say it: an "anyone"
permission opens it to all, a "domain" one to that domain's accounts, a "user" one to that
address, a "group" one to members the service cannot see. Only someone who may share a file
may read its permissions (Drive permissions.list; a Viewer, or the service on an "anyone with
the link" file, gets 403), so `capabilities.canShare` is read first, with the permissions in
the same files.get where Drive gives them (My Drive files); a file whose sharing the service
cannot read is "not checkable", which is never a reason to block the month.

A link-shared file made before 2021 may need its resource key (the `resourcekey` of the link)
in the `X-Goog-Drive-Resource-Keys` header (Drive "Access link-shared files using resource
keys"); a file reference here is the id, or `id/resourceKey` as that header writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import requests
from gspread.exceptions import APIError

from service.sheets.port import SheetBackendError

FILE_FIELDS = "driveId,capabilities(canShare),permissions(type,role,emailAddress,domain)"
LIST_FIELDS = "permissions(type,role,emailAddress,domain),nextPageToken"
Drive = Callable[..., Any]


def cannot_open(permissions: list[dict[str, Any]], reviewers: Sequence[str]) -> list[str]:
    """The reviewers no permission lets read the file. A group may hold anyone, so when
    there is one, nobody is said to be blocked by the permissions the service can see."""
    kinds = {p.get("type") for p in permissions}
    if "anyone" in kinds or "group" in kinds:
        return []
    domains = {p.get("domain", "").lower() for p in permissions if p.get("type") == "domain"}
    users = {p.get("emailAddress", "").lower() for p in permissions if p.get("type") == "user"}
    return [r for r in reviewers
            if r.lower() not in users and r.lower().rpartition("@")[2] not in domains]


def _headers(reference: str) -> dict[str, str] | None:
    return {"X-Goog-Drive-Resource-Keys": reference} if "/" in reference else None


def _permissions(drive: Drive, reference: str) -> list[dict[str, Any]] | None:
    """The file's permissions, or None when the service may not read them."""
    file_id, headers = reference.split("/")[0], _headers(reference)
    got = drive("GET", f"/{file_id}", params={"fields": FILE_FIELDS}, headers=headers)
    if not (got.get("capabilities") or {}).get("canShare"):
        return None
    if "permissions" in got and not got.get("driveId"):
        return list(got["permissions"])
    permissions: list[dict[str, Any]] = []
    token: str | None = None
    while True:  # a Shared Drive item: Drive lists its permissions only through this call
        params = {"fields": LIST_FIELDS, "pageSize": "100", **({"pageToken": token} if token
                                                              else {})}
        page = drive("GET", f"/{file_id}/permissions", params=params, headers=headers)
        permissions += page.get("permissions", [])
        token = page.get("nextPageToken")
        if not token:
            return permissions


def evidence_access(drive: Drive, references: Sequence[str],
                    reviewers: Sequence[str]) -> dict[str, list[str] | None]:
    """{file reference: reviewers who cannot open it}; None when that cannot be checked."""
    result: dict[str, list[str] | None] = {}
    for reference in dict.fromkeys(references):
        try:
            permissions = _permissions(drive, reference)
        except APIError as error:
            if error.code in (403, 404):  # hidden from the service: not checkable
                result[reference] = None
            continue  # anything else: not checked this cycle, asked again next cycle
        except (SheetBackendError, requests.RequestException):
            continue  # Drive is having a moment; the rest of the cycle carries on
        result[reference] = None if permissions is None else cannot_open(permissions, reviewers)
    return result
