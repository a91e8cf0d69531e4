"""The Drive v3 File and User resources as JSON, seen by one caller.

What a caller sees depends on who asks: their own client's appProperties (properties.py),
capabilities for their role (access.py), `ownedByMe`/`me`, and the email of a user who
keeps it hidden (Drive User resource: emailAddress "may not be present in certain contexts
if the user has not made their email address visible to the requester", reviews F16).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import access, properties
from .state import SPREADSHEET, DriveFile, Permission, Store, permission_id


def rfc3339(value: dt.datetime) -> str:
    return (
        value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{value.microsecond // 1000:03d}Z"
    )


def truthy(value: Any) -> bool:
    """Query booleans arrive as True/False/true/false."""
    return str(value).lower() == "true"


def user_json(store: Store, email: str, me: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": "drive#user",
        "displayName": email.split("@")[0],
        "me": email == me,
        "permissionId": permission_id(email),
        "emailAddress": email,
    }
    if email != me and email.lower() in store.accounts.hidden:
        del out["emailAddress"]
    return out


def web_view_link(f: DriveFile) -> str:
    """Links carry the resource key, as Google's do (Drive "Access link-shared files")."""
    if f.mime_type == SPREADSHEET:
        link = f"https://docs.google.com/spreadsheets/d/{f.id}/edit"
    else:
        link = f"https://drive.google.com/file/d/{f.id}/view"
    return link + (f"?resourcekey={f.resource_key}" if f.resource_key else "")


def file_json(store: Store, f: DriveFile, email: str) -> dict[str, Any]:
    """The full File resource; callers mask it with `fields`."""
    store.settle(f)
    out: dict[str, Any] = {
        "kind": "drive#file",
        "id": f.id,
        "name": f.name,
        "mimeType": f.mime_type,
        "parents": list(f.parents),
        "trashed": store.is_trashed(f),
        "explicitlyTrashed": f.trashed,
        "createdTime": rfc3339(f.created),
        "modifiedTime": rfc3339(f.modified),
        "version": str(f.version),
        "lastModifyingUser": user_json(store, f.last_modifier, email),
        "webViewLink": web_view_link(f),
    }
    if f.resource_key:
        out["resourceKey"] = f.resource_key
    if f.description:
        out["description"] = f.description
    app_properties = properties.app_properties(store, f, email)
    if app_properties:
        out["appProperties"] = app_properties
    if f.properties:
        out["properties"] = dict(f.properties)
    if f.drive_id:
        out["driveId"] = out["teamDriveId"] = f.drive_id
    else:
        out["owners"] = [user_json(store, f.owner, email)]
        out["ownedByMe"] = f.owner == email
    if f.content is not None:
        out["size"] = str(len(f.content))
    out["capabilities"] = access.capabilities(store, f, email)
    if f.drive_id is None and out["capabilities"].get("canShare"):
        # Drive File.permissions: "only available if the requesting user can share the file.
        # Not populated for items in shared drives."
        from .drive_permissions import permission_json  # drive_permissions imports us

        owner = Permission(permission_id(f.owner), "user", "owner", f.owner)
        out["permissions"] = [permission_json(owner)] + [permission_json(p)
                                                         for p in f.permissions]
    return out
