"""Creating one spreadsheet on Google, so that a cut-off creation is never taken as finished.

Creation is several requests: Drive files.create, ONE spreadsheets:batchUpdate (locale, tabs,
values, formats, validations, protections), one permissions.create per person, and last one
Drive files.update that writes `READY_PROPERTY` and answers the listing fields (it stands in
for the files.get a creation needs anyway). A process killed anywhere before that last request
leaves a file without the property, which provisioning deletes and makes again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from gspread.http_client import HTTPClient

from service.sheets.google import batch as gr
from service.sheets.port import READY_PROPERTY, SpreadsheetRef, WorkbookSpec

SHEET_MIME = "application/vnd.google-apps.spreadsheet"
FILE_FIELDS = "id,name,modifiedTime,appProperties,lastModifyingUser(emailAddress)"

Drive = Callable[..., Any]  # GoogleBackend._drive(method, path="", params=None, json=None)


def ref_from(f: dict[str, Any]) -> SpreadsheetRef:
    """A Drive file resource (FILE_FIELDS) as the port's SpreadsheetRef."""
    modified = f.get("modifiedTime")
    return SpreadsheetRef(
        key=f["id"],
        title=f.get("name", ""),
        version=modified or "",
        modified=datetime.fromisoformat(modified.replace("Z", "+00:00")) if modified else None,
        modified_by=(f.get("lastModifyingUser") or {}).get("emailAddress"),
        properties=dict(f.get("appProperties") or {}),
    )


def create_file(drive: Drive, folder: str, spec: WorkbookSpec) -> str:
    """files.create: an empty spreadsheet ("Sheet1") carrying the spec's properties only."""
    body = {
        "name": spec.title,
        "mimeType": SHEET_MIME,
        "parents": [folder],
        "appProperties": dict(spec.properties),
    }
    return drive("post", params={"fields": "id"}, json=body)["id"]


def set_up(client: HTTPClient, key: str, spec: WorkbookSpec, account: str) -> gr.Meta:
    """Locale, tabs, values, formats, validations and protections in ONE batchUpdate; returns
    the sheet and protected-range ids, so the rest of the run needs no metadata read."""
    ids = {tab.title: i for i, tab in enumerate(spec.tabs)}  # Sheet1 of a new file is id 0
    reqs = gr.workbook_requests(spec.tabs)
    adds = [gr.add_protection(ids[p.tab], p, account) for p in spec.protections]
    replies = client.batch_update(key, {"requests": reqs + adds})["replies"]
    meta = gr.Meta([{"properties": {"title": t, "sheetId": i}} for t, i in ids.items()])
    meta.remember(adds, replies[len(reqs) :])
    return meta


def share(client: HTTPClient, key: str, spec: WorkbookSpec, notify: bool) -> None:
    for email in spec.share_with:
        client.insert_permission(key, email, "user", "writer", notify=notify)


def mark_ready(drive: Drive, key: str) -> SpreadsheetRef:
    """The last step: files.update of `READY_PROPERTY`, answering the file as listed."""
    body = {"appProperties": {READY_PROPERTY: "1"}}
    return ref_from(drive("patch", f"/{key}", params={"fields": FILE_FIELDS}, json=body))
