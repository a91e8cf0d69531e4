"""Drive v3 files: create, list, get, update, delete, copy, export, upload, comments.list.

Storage rule: a service account has no My Drive, so creating or copying a file anywhere
but inside a shared drive answers 403 storageQuotaExceeded, like Google since 2025.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from . import access, fields, properties
from .drive_json import file_json, rfc3339, truthy, user_json
from .drive_query import compile_query
from .errors import ApiError, bad_request, insufficient_permissions
from .state import FOLDER, SPREADSHEET, DriveFile, Spreadsheet, Store, rank

__all__ = ["Reply", "file_json", "rfc3339", "truthy", "user_json"]
FILE_DEFAULT = "kind,id,name,mimeType"
LIST_DEFAULT = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)"
Reply = tuple[int, Any, dict[str, str]]


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
    f.app_props = {c: dict(p) for c, p in (meta.get("_all_app_props") or {}).items()}
    properties.set_app_properties(store, f, email, meta.get("appProperties"))
    properties.set_properties(f, meta.get("properties"))
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
    """files.list. "Partial or empty result pages are possible even before the end of the
    files list has been reached" (Drive files.list, pageSize), so the fake can be told to
    cap pages (`store.page_limit`) or to answer an empty first page (reviews F17)."""
    size = int(params.get("pageSize") or 100)
    if size < 1:
        raise bad_request("Invalid Value: pageSize")
    size = min(size, 1000, store.page_limit or 1000)
    store.settle_all()
    pred = compile_query(params.get("q"), store, email)
    matches = _order([f for f in _visible(store, email, params) if pred(f)], params.get("orderBy"))
    body: dict[str, Any] = {"kind": "drive#fileList", "incompleteSearch": False}
    if store.empty_first_page and not params.get("pageToken"):
        body["files"] = []
        body["nextPageToken"] = "0"
        return 200, fields.apply(body, fields.parse(params.get("fields") or LIST_DEFAULT)), {}
    start = int(params.get("pageToken") or 0)
    body["files"] = [file_json(store, f, email) for f in matches[start : start + size]]
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
    """Rename (bumps modifiedTime at once), metadata (does not), trash, moves via
    add/removeParents. Trashing needs canTrash: the owner in My Drive, a Content manager or
    Manager in a shared drive (sabeechen/hassio-google-drive-backup#336)."""
    f = store.file(file_id, email, "writer")
    body = {k: x for k, x in body.items() if x is not None}
    trashing = "trashed" in body and bool(body["trashed"]) != f.trashed
    if trashing and not access.can_trash(store, f, email):
        raise insufficient_permissions()
    app_props = {c: dict(p) for c, p in f.app_props.items()}
    props = dict(f.properties)
    try:
        properties.set_app_properties(store, f, email, body.get("appProperties"))
        properties.set_properties(f, body.get("properties"))
    except ApiError:
        f.app_props, f.properties = app_props, props
        raise
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
        store.touch(f, email, via_drive=True)
    if "modifiedTime" in body:
        f.modified = dt.datetime.fromisoformat(body["modifiedTime"].replace("Z", "+00:00"))
    return _reply(store, f, email, params)


def delete(store: Store, email: str, file_id: str) -> Reply:
    """Permanent delete: the owner in My Drive; in a shared drive "the user must be an
    organizer on the parent folder" (Drive files.delete) — a Content manager gets 403
    insufficientFilePermissions (breakdowns/slam-mirrorbot#386)."""
    f = store.file(file_id, email)
    if f.id in store.drives:
        raise ApiError(403, "A shared drive root cannot be deleted as a file.", "cannotDelete")
    if not access.can_delete(store, f, email):
        raise insufficient_permissions()
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
        "_all_app_props": src.app_props,  # every app's private properties travel along
        "appProperties": body.get("appProperties"),
        "properties": {**src.properties, **(body.get("properties") or {})},
    }
    f = _new_file(store, email, meta, meta["name"])
    if src.spreadsheet is not None:
        f.spreadsheet = copy.deepcopy(src.spreadsheet)
    f.content = src.content
    return _reply(store, f, email, params)
