"""Drive v3 file contents: export (CSV/TSV/PDF), binary upload, and comments.list."""

from __future__ import annotations

from typing import Any

from . import export, fields
from .drive_api import Reply, _new_file, _reply
from .errors import ApiError
from .state import Store

EXPORTS = {"text/csv": ",", "text/tab-separated-values": "\t", "application/pdf": None}


def upload(
    store: Store,
    email: str,
    params: dict[str, Any],
    meta: dict[str, Any],
    content: bytes,
    content_type: str,
) -> Reply:
    """uploadType=multipart|media: a binary file (e.g. an archived PDF) with its bytes."""
    meta = {**meta, "mimeType": meta.get("mimeType") or content_type}
    f = _new_file(store, email, meta, "Untitled")
    f.content = content
    return _reply(store, f, email, params)


def export_file(store: Store, email: str, file_id: str, params: dict[str, Any]) -> Reply:
    f = store.file(file_id, email)
    mime = params.get("mimeType")
    if f.spreadsheet is None:
        raise ApiError(403, "Export only supports Docs Editors files.", "fileNotExportable")
    if mime not in EXPORTS:
        raise ApiError(400, "The requested conversion is not supported.", "badRequest")
    if mime == "application/pdf":
        data = export.pdf(f.spreadsheet, f.spreadsheet.sheets, f.name)
    else:
        data = export.delimited(f.spreadsheet, f.spreadsheet.sheets[0], EXPORTS[mime] or ",")
    return 200, data, {"Content-Type": mime, "Content-Disposition": "attachment"}


def list_comments(store: Store, email: str, file_id: str, params: dict[str, Any]) -> Reply:
    """Comments are not modelled (the service uses notes); the list is always empty."""
    store.file(file_id, email)
    body = {"kind": "drive#commentList", "comments": []}
    return 200, fields.apply(body, fields.parse(params.get("fields"))), {}
