"""Creating one spreadsheet on Google, so that a cut-off creation is never taken as finished.

Creation is several requests: Drive files.create, ONE spreadsheets:batchUpdate (locale, tabs,
values, formats, validations, protections), one permissions.create per person, and last one
Drive files.update that writes `READY_PROPERTY` and answers the listing fields (it stands in
for the files.get a creation needs anyway). A process killed anywhere before that last request
leaves a file without the property, which provisioning trashes and makes again.

The identity is kept in public `properties`, not `appProperties`: those are private to the
OAuth client that wrote them (Drive "Add custom file properties"), so after a change of key
or of client every file would look foreign and provisioning would make them all again.
Files made before read either. Drive allows 124 bytes per key and value together.

A share Google refuses is that person's problem, not the spreadsheet's: an address without a
Google account must be invited with Google's notification email ("you must check the Notify
people box", 400 invalidSharingRequest), so the share is sent again with it; a Shared Drive
refuses such addresses, or outsiders, outright. Those are reported by name and the rest of
the office carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from service.sheets.google import batch as gr
from service.sheets.port import READY_PROPERTY, SheetBackendError, SpreadsheetRef, WorkbookSpec

SHEET_MIME = "application/vnd.google-apps.spreadsheet"
FILE_FIELDS = ("id,name,modifiedTime,properties,appProperties,"
               "lastModifyingUser(emailAddress,me)")
PROPERTY_BYTES = 124  # Drive: key and value together, in UTF-8
SHARE_REFUSALS = {
    "cannotShareTeamDriveWithNonGoogleAccounts": (
        "alamat ini bukan akun Google, dan berkas di Shared Drive hanya dapat dibagikan ke "
        "akun Google: buat akun Google dengan alamat ini (atau ganti alamat di daftar "
        "pegawai), lalu jalankan penyiapan lagi"),
    "teamDriveDomainUsersOnlyRestriction": (
        "Shared Drive ini hanya boleh dibagikan ke pengguna domain kantor: pakai alamat domain "
        "kantor, atau ubah setelan Shared Drive"),
    "teamDriveTeamMembersOnlyRestriction": (
        "Shared Drive ini hanya boleh dibagikan ke anggotanya: tambahkan orang ini sebagai "
        "anggota, atau ubah setelan Shared Drive"),
    "invalidSharingRequest": "Google menolak undangan ke alamat ini",
    "cannotModifyInheritedPermission": "orang ini sudah punya akses lebih tinggi dari Shared Drive",
}

Drive = Callable[..., Any]  # GoogleBackend._drive(method, path="", params=None, json=None)


def ref_from(f: dict[str, Any]) -> SpreadsheetRef:
    """A Drive file resource (FILE_FIELDS) as the port's SpreadsheetRef."""
    modified = f.get("modifiedTime")
    editor = f.get("lastModifyingUser") or {}
    return SpreadsheetRef(
        key=f["id"],
        title=f.get("name", ""),
        version=modified or "",
        modified=datetime.fromisoformat(modified.replace("Z", "+00:00")) if modified else None,
        modified_by=editor.get("emailAddress"),  # Drive may leave it out (hidden address)
        properties={**(f.get("appProperties") or {}), **(f.get("properties") or {})},
        modified_by_service=bool(editor.get("me")),
    )


def checked_properties(properties: dict[str, str]) -> dict[str, str]:
    """The properties as Drive will take them, or a clear error before any request."""
    for key, value in properties.items():
        if len(key.encode()) + len(value.encode()) > PROPERTY_BYTES:
            raise SheetBackendError(
                f"properti {key}={value!r} melebihi batas Drive {PROPERTY_BYTES} byte "
                "(kunci dan nilai): pakai kode kantor yang lebih pendek")
    return dict(properties)


def create_file(drive: Drive, folder: str, spec: WorkbookSpec) -> str:
    """files.create: an empty spreadsheet ("Sheet1") carrying the spec's properties only."""
    body = {
        "name": spec.title,
        "mimeType": SHEET_MIME,
        "parents": [folder],
        "properties": checked_properties(spec.properties),
    }
    return drive("post", params={"fields": "id"}, json=body)["id"]


def set_up(client: HTTPClient, key: str, spec: WorkbookSpec, account: str) -> gr.Meta:
    """Time zone, locale, tabs, values, formats, validations and protections in ONE
    batchUpdate; returns the sheet and protected-range ids, so the rest of the run needs no
    metadata read. batchUpdate is atomic, so a locale Google refuses would refuse it all:
    then it is sent once more without the locale (the sheet reads numbers en_US-style, which
    the realization column does not care about: it is plain text)."""
    ids = {tab.title: i for i, tab in enumerate(spec.tabs)}  # Sheet1 of a new file is id 0
    adds = [gr.add_protection(ids[p.tab], p, account) for p in spec.protections]
    try:
        reqs = gr.workbook_requests(spec.tabs)
        replies = client.batch_update(key, {"requests": reqs + adds})["replies"]
    except APIError as error:
        if error.code != 400 or "locale" not in str(error).lower():
            raise
        reqs = gr.workbook_requests(spec.tabs, locale=None)
        replies = client.batch_update(key, {"requests": reqs + adds})["replies"]
    meta = gr.Meta([{"properties": gr.sheet_properties(i, tab, i)}
                    for i, tab in enumerate(spec.tabs)])
    meta.remember(adds, replies[len(reqs) :])
    return meta


def _reason(error: APIError) -> str:
    details = (getattr(error, "error", None) or {}).get("errors", [])
    return next((d.get("reason", "") for d in details if isinstance(d, dict)), "")


def share(drive: Drive, key: str, emails: tuple[str, ...] | list[str],
          notify: bool) -> dict[str, str]:
    """One writer permission per person; {email: why not} for those Google refused."""
    refused: dict[str, str] = {}
    for email in emails:
        try:
            _share_one(drive, key, email, notify)
        except APIError as error:
            reason = _reason(error)
            refused[email] = SHARE_REFUSALS.get(reason, f"Google menolak ({error})")
        except SheetBackendError as error:  # retries ran out: try again at the next run
            refused[email] = f"Google tidak menjawab ({error})"
    return refused


def _share_one(drive: Drive, key: str, email: str, notify: bool) -> None:
    body = {"type": "user", "role": "writer", "emailAddress": email}
    params = {"sendNotificationEmail": "true" if notify else "false", "fields": "id"}
    try:
        drive("post", f"/{key}/permissions", params=params, json=body)
    except APIError as error:
        if notify or _reason(error) != "invalidSharingRequest":
            raise
        # no Google account behind the address: Drive can only invite it by e-mail
        drive("post", f"/{key}/permissions", params={**params, "sendNotificationEmail": "true"},
              json=body)


def mark_ready(drive: Drive, key: str) -> SpreadsheetRef:
    """The last step: files.update of `READY_PROPERTY`, answering the file as listed."""
    body = {"properties": {READY_PROPERTY: "1"}}
    return ref_from(drive("patch", f"/{key}", params={"fields": FILE_FIELDS}, json=body))
