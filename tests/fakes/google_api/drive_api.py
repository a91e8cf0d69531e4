"""Drive v3 files: create, list, get, update, delete, copy, export, upload, comments.list.

Storage rule: a service account has no My Drive, so creating or copying a file anywhere
but inside a shared drive answers 403 storageQuotaExceeded, like Google since 2025.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from . import fields
from .drive_query import compile_query
from .errors import ApiError, bad_request
from .state import FOLDER, SPREADSHEET, DriveFile, Spreadsheet, Store, permission_id, rank

FILE_DEFAULT = "kind,id,name,mimeType"
LIST_DEFAULT = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)"
Reply = tuple[int, Any, dict[str, str]]


def rfc3339(value: dt.datetime) -> str:
    return (
        value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{value.microsecond // 1000:03d}Z"
    )


def truthy(value: Any) -> bool:
    """Query booleans arrive as True/False/true/false."""
    return str(value).lower() == "true"


def user_json(store: Store, email: str, me: str) -> dict[str, Any]:
    return {
        "kind": "drive#user",
        "displayName": email.split("@")[0],
        "me": email == me,
        "permissionId": permission_id(email),
        "emailAddress": email,
    }


def file_json(store: Store, f: DriveFile, email: str) -> dict[str, Any]:
    """The full File resource; callers mask it with `fields`."""
    out: dict[str, Any] = {
        "kind": "drive#file",
        "id": f.id,
        "name": f.name,
        "mimeType": f.mime_type,
        "parents": list(f.parents),
        "trashed": f.trashed,
        "createdTime": rfc3339(f.created),
        "modifiedTime": rfc3339(f.modified),
        "version": str(f.version),
        "lastModifyingUser": user_json(store, f.last_modifier, email),
        "webViewLink": f"https://docs.google.com/spreadsheets/d/{f.id}/edit"
        if f.mime_type == SPREADSHEET
        else f"https://drive.google.com/file/d/{f.id}/view",
    }
    if f.description:
        out["description"] = f.description
    if f.app_properties:
        out["appProperties"] = dict(f.app_properties)
    if f.properties:
        out["properties"] = dict(f.properties)
    if f.drive_id:
        out["driveId"] = out["teamDriveId"] = f.drive_id
    else:
        out["owners"] = [user_json(store, f.owner, email)]
        out["ownedByMe"] = f.owner == email
    if f.content is not None:
        out["size"] = str(len(f.content))
    role = rank(store.role(f, email))
    out["capabilities"] = {
        "canEdit": role >= rank("writer"),
        "canAddChildren": f.mime_type == FOLDER and role >= rank("writer"),
        "canShare": role >= rank("writer"),
        "canDelete": role >= rank("fileOrganizer"),
    }
    return out


def _reply(store: Store, f: DriveFile, email: str, params: dict[str, Any]) -> Reply:
    tree = fields.parse(params.get("fields") or FILE_DEFAULT)
    return 200, fields.apply(file_json(store, f, email), tree), {}


def _placement(store: Store, email: str, parents: list[str] | None) -> tuple[list[str], str | None]:
    """Where a new file lands; enforces the service-account storage rule."""
    if parents:
        if len(parents) > 1:
            raise bad_request("A shared drive item must have exactly one parent.")
        drive_id = store.parent_drive(parents[0], email)
        placed = list(parents)
    else:
        drive_id, placed = None, []
    if drive_id is None and store.is_service_account(email):
        raise ApiError(
            403, "The user's Drive storage quota has been exceeded.", "storageQuotaExceeded"
        )
    if not placed:
        placed = [store.my_drive_root(email)]
    return placed, drive_id


def _new_file(store: Store, email: str, meta: dict[str, Any], default_name: str) -> DriveFile:
    mime = meta.get("mimeType") or "application/octet-stream"
    parents, drive_id = _placement(store, email, meta.get("parents"))
    now = store.now()
    length = 44 if mime == SPREADSHEET else 33
    f = DriveFile(
        store.new_id("1", length),
        meta.get("name") or default_name,
        mime,
        email,
        now,
        now,
        email,
        parents=parents,
        drive_id=drive_id,
    )
    f.app_properties = {
        k: str(x) for k, x in (meta.get("appProperties") or {}).items() if x is not None
    }
    f.properties = {k: str(x) for k, x in (meta.get("properties") or {}).items() if x is not None}
    f.description = meta.get("description")
    if mime == SPREADSHEET:
        f.spreadsheet = Spreadsheet()
    store.files[f.id] = f
    return f


def create(store: Store, email: str, params: dict[str, Any], body: dict[str, Any]) -> Reply:
    name = "Untitled spreadsheet" if body.get("mimeType") == SPREADSHEET else "Untitled"
    return _reply(store, _new_file(store, email, body, name), email, params)


def _visible(store: Store, email: str, params: dict[str, Any]) -> list[DriveFile]:
    all_drives = truthy(params.get("includeItemsFromAllDrives"))
    corpora = params.get("corpora") or "user"
    if corpora == "drive" and not (params.get("driveId") and all_drives):
        raise bad_request(
            "The driveId parameter must be specified if and only if corpora is "
            "set to drive, with includeItemsFromAllDrives=true."
        )
    out = []
    for f in store.files.values():
        hidden = f.id in store.roots.values() or f.id in store.drives
        if hidden or rank(store.role(f, email)) == 0:
            continue
        if f.drive_id and not all_drives:
            continue
        if corpora == "drive" and f.drive_id != params.get("driveId"):
            continue
        out.append(f)
    return out


def _order(files: list[DriveFile], order_by: str | None) -> list[DriveFile]:
    keys = {
        "name": lambda f: f.name.lower(),
        "modifiedTime": lambda f: f.modified,
        "createdTime": lambda f: f.created,
        "folder": lambda f: f.mime_type != FOLDER,
    }
    files = sorted(files, key=lambda f: f.created)  # stable: ties keep creation order
    for part in reversed([p.strip() for p in (order_by or "").split(",") if p.strip()]):
        name, _, direction = part.partition(" ")
        if name not in keys:
            raise bad_request(f"Invalid Value: orderBy {part}")
        files.sort(key=keys[name], reverse=direction.strip().lower() == "desc")
    return files


def list_files(store: Store, email: str, params: dict[str, Any]) -> Reply:
    size = int(params.get("pageSize") or 100)
    if size < 1:
        raise bad_request("Invalid Value: pageSize")
    size = min(size, 1000)
    pred = compile_query(params.get("q"), store)
    matches = _order([f for f in _visible(store, email, params) if pred(f)], params.get("orderBy"))
    start = int(params.get("pageToken") or 0)
    page = matches[start : start + size]
    body: dict[str, Any] = {
        "kind": "drive#fileList",
        "incompleteSearch": False,
        "files": [file_json(store, f, email) for f in page],
    }
    if start + size < len(matches):
        body["nextPageToken"] = str(start + size)
    return 200, fields.apply(body, fields.parse(params.get("fields") or LIST_DEFAULT)), {}


def get(store: Store, email: str, file_id: str, params: dict[str, Any]) -> Reply:
    f = store.file(file_id, email)
    if params.get("alt") == "media":
        if f.content is None:
            raise ApiError(
                403,
                "Only files with binary content can be downloaded. Use Export "
                "with Docs Editors files.",
                "fileNotDownloadable",
            )
        return 200, f.content, {"Content-Type": f.mime_type}
    return _reply(store, f, email, params)


def update(
    store: Store, email: str, file_id: str, params: dict[str, Any], body: dict[str, Any]
) -> Reply:
    """Rename (bumps modifiedTime), metadata (does not), moves via add/removeParents."""
    f = store.file(file_id, email, "writer")
    body = {k: x for k, x in body.items() if x is not None}
    for key, attr in (("appProperties", "app_properties"), ("properties", "properties")):
        for k, x in (body.get(key) or {}).items():
            props = getattr(f, attr)
            if x is None:
                props.pop(k, None)
            else:
                props[k] = str(x)
    if "description" in body:
        f.description = body["description"]
    if "trashed" in body:
        f.trashed = bool(body["trashed"])
    add = [p for p in (params.get("addParents") or "").split(",") if p]
    remove = [p for p in (params.get("removeParents") or "").split(",") if p]
    if add or remove:
        parents = [p for p in f.parents if p not in remove] + add
        drive_ids = {store.parent_drive(p, email) for p in add}
        f.parents = parents
        if drive_ids:
            f.drive_id = drive_ids.pop()
    if body.get("name") and body["name"] != f.name:
        f.name = body["name"]
        store.touch(f, email)
    if "modifiedTime" in body:
        f.modified = dt.datetime.fromisoformat(body["modifiedTime"].replace("Z", "+00:00"))
    return _reply(store, f, email, params)


def delete(store: Store, email: str, file_id: str) -> Reply:
    f = store.file(file_id, email)
    if f.id in store.drives:
        raise ApiError(403, "A shared drive root cannot be deleted as a file.", "cannotDelete")
    if rank(store.role(f, email)) < rank("fileOrganizer") and store.role(f, email) != "owner":
        raise ApiError(
            403,
            "The user does not have sufficient permissions for this file.",
            "insufficientFilePermissions",
        )
    doomed = [f]
    while doomed:
        node = doomed.pop()
        store.files.pop(node.id, None)
        doomed.extend(store.children(node.id))
    return 204, b"", {}


def copy_file(
    store: Store, email: str, file_id: str, params: dict[str, Any], body: dict[str, Any]
) -> Reply:
    src = store.file(file_id, email)
    parents = body.get("parents")
    if not parents:
        writable = [
            p
            for p in src.parents
            if p in store.drives
            or (p in store.files and rank(store.role(store.files[p], email)) >= rank("writer"))
        ]
        parents = writable or None
    meta = {
        "name": body.get("name") or f"Copy of {src.name}",
        "mimeType": src.mime_type,
        "parents": parents,
        "description": body.get("description", src.description),
        "appProperties": {**src.app_properties, **(body.get("appProperties") or {})},
        "properties": {**src.properties, **(body.get("properties") or {})},
    }
    f = _new_file(store, email, meta, meta["name"])
    if src.spreadsheet is not None:
        f.spreadsheet = copy.deepcopy(src.spreadsheet)
    f.content = src.content
    return _reply(store, f, email, params)
