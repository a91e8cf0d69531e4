"""Finding the service's Drive folders (office / month) without ever making two.

A folder create that timed out may have been applied, so it is not sent again blindly: the
folder is looked up once more first. Were there ever two of a name, every run settles on the
oldest (files.list `orderBy=createdTime`; without it the order is Drive's own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.sheets.port import SheetBackendError

FOLDER_MIME = "application/vnd.google-apps.folder"
Drive = Callable[..., Any]  # GoogleBackend._drive(method, path="", params=None, json=None)


def q(text: str) -> str:
    """Escape a value for a Drive query string literal."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


def find(drive: Drive, parent: str, name: str) -> str | None:
    query = (
        f"name = '{q(name)}' and '{q(parent)}' in parents"
        f" and mimeType = '{FOLDER_MIME}' and trashed = false"
    )
    params: dict[str, Any] = {"q": query, "fields": "nextPageToken,files(id)",
                              "orderBy": "createdTime", "includeItemsFromAllDrives": "true"}
    while True:  # Drive may answer a partial or even empty page before the end
        page = drive("get", params=params)
        if page.get("files"):
            return page["files"][0]["id"]
        if not page.get("nextPageToken"):
            return None
        params["pageToken"] = page["nextPageToken"]


def find_or_create(drive: Drive, parent: str, name: str) -> str:
    found = find(drive, parent, name)
    if found:
        return found
    body = {"name": name, "mimeType": FOLDER_MIME, "parents": [parent]}
    try:
        return drive("post", params={"fields": "id"}, json=body)["id"]
    except SheetBackendError:
        again = find(drive, parent, name)
        if again:
            return again
        raise
