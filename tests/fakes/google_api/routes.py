"""WSGI dispatch: one regex per REST method, on the raw (still percent-encoded) path so that
sheet names containing `/` or `:` survive routing.

Each route names its method in Google's discovery documents ("sheets.spreadsheets.values.get",
"drive.permissions.create"...); before its handler runs, the request's query and JSON body
are checked against that method (discovery.py, validate.py) and refused as Google would.
The docs.google.com export URL is not in any discovery document and is not checked; the
multipart upload is checked as drive.files.create, its metadata part against File.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Callable, Iterable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs, unquote

from werkzeug.wrappers import Request, Response

from . import (
    drive_api,
    drive_content,
    drive_permissions,
    export,
    sheets_api,
    sheets_batch,
    sheets_values,
)
from .discovery import check_request
from .errors import ApiError, drive_not_found
from .state import Store, rank

Handler = Callable[[Store, str, dict[str, str], dict[str, Any], Any, Request], Any]
ROUTES: list[tuple[str, re.Pattern[str], str | None, Handler]] = []
ID = r"(?P<id>[^/:?]+)"
SS = f"/v4/spreadsheets/{ID}"
RANGE = r"(?P<range>[^?]+)"
LAZY_RANGE = r"(?P<range>[^?]+?)"


def route(method: str, pattern: str, method_id: str | None) -> Callable[[Handler], Handler]:
    """Register `fn` for `method` on `pattern`, checked as discovery method `method_id`
    (None: not a discovery method, nothing is checked)."""

    def register(fn: Handler) -> Handler:
        ROUTES.append((method, re.compile(f"^{pattern}$"), method_id, fn))
        return fn

    return register


def _ctx(store: Store, email: str, sid: str, write: bool = False) -> sheets_values.Ctx:
    return sheets_values.open_spreadsheet(store, sid, email, write)


@route("POST", "/v4/spreadsheets", "sheets.spreadsheets.create")
def _ss_create(store, email, m, params, body, req):
    return sheets_api.create(store, email, body or {})


@route("GET", SS, "sheets.spreadsheets.get")
def _ss_get(store, email, m, params, body, req):
    return sheets_api.get(_ctx(store, email, m["id"]), params)


@route("POST", f"{SS}:batchUpdate", "sheets.spreadsheets.batchUpdate")
def _ss_batch(store, email, m, params, body, req):
    return sheets_batch.batch_update(_ctx(store, email, m["id"], True), body or {})


@route("GET", f"{SS}/values:batchGet", "sheets.spreadsheets.values.batchGet")
def _values_batch_get(store, email, m, params, body, req):
    ctx = _ctx(store, email, m["id"])
    return sheets_values.batch_get(ctx, params.get("ranges") or [], params)


@route("POST", f"{SS}/values:batchUpdate", "sheets.spreadsheets.values.batchUpdate")
def _values_batch_update(store, email, m, params, body, req):
    return sheets_values.batch_update(_ctx(store, email, m["id"], True), body or {})


@route("POST", f"{SS}/values:batchClear", "sheets.spreadsheets.values.batchClear")
def _values_batch_clear(store, email, m, params, body, req):
    return sheets_values.batch_clear(_ctx(store, email, m["id"], True), body or {})


@route("GET", f"{SS}/values/{RANGE}", "sheets.spreadsheets.values.get")
def _values_get(store, email, m, params, body, req):
    return sheets_values.get(_ctx(store, email, m["id"]), m["range"], params)


@route("PUT", f"{SS}/values/{RANGE}", "sheets.spreadsheets.values.update")
def _values_update(store, email, m, params, body, req):
    return sheets_values.update(_ctx(store, email, m["id"], True), m["range"], body or {}, params)


@route("POST", f"{SS}/values/{LAZY_RANGE}:clear", "sheets.spreadsheets.values.clear")
def _values_clear(store, email, m, params, body, req):
    return sheets_values.clear(_ctx(store, email, m["id"], True), m["range"])


@route("POST", f"{SS}/values/{LAZY_RANGE}:append", "sheets.spreadsheets.values.append")
def _values_append(store, email, m, params, body, req):
    return sheets_values.append(_ctx(store, email, m["id"], True), m["range"], body or {}, params)


@route("POST", "/drive/v3/files", "drive.files.create")
def _files_create(store, email, m, params, body, req):
    return drive_api.create(store, email, params, body or {})


@route("GET", "/drive/v3/files", "drive.files.list")
def _files_list(store, email, m, params, body, req):
    return drive_api.list_files(store, email, params)


@route("GET", f"/drive/v3/files/{ID}", "drive.files.get")
def _files_get(store, email, m, params, body, req):
    return drive_api.get(store, email, m["id"], params)


@route("PATCH", f"/drive/v3/files/{ID}", "drive.files.update")
def _files_update(store, email, m, params, body, req):
    return drive_api.update(store, email, m["id"], params, body or {})


@route("DELETE", f"/drive/v3/files/{ID}", "drive.files.delete")
def _files_delete(store, email, m, params, body, req):
    return drive_api.delete(store, email, m["id"])


@route("POST", f"/drive/v3/files/{ID}/copy", "drive.files.copy")
def _files_copy(store, email, m, params, body, req):
    return drive_api.copy_file(store, email, m["id"], params, body or {})


@route("GET", f"/drive/v3/files/{ID}/export", "drive.files.export")
def _files_export(store, email, m, params, body, req):
    return drive_content.export_file(store, email, m["id"], params)


@route("GET", f"/drive/v3/files/{ID}/comments", "drive.comments.list")
def _comments_list(store, email, m, params, body, req):
    return drive_content.list_comments(store, email, m["id"], params)


@route("POST", f"/drive/v3/files/{ID}/permissions", "drive.permissions.create")
def _perm_create(store, email, m, params, body, req):
    return drive_permissions.create(store, email, m["id"], params, body or {})


@route("GET", f"/drive/v3/files/{ID}/permissions", "drive.permissions.list")
def _perm_list(store, email, m, params, body, req):
    return drive_permissions.list_permissions(store, email, m["id"], params)


PERMISSION = f"/drive/v3/files/{ID}/permissions/(?P<pid>[^/?]+)"


@route("DELETE", PERMISSION, "drive.permissions.delete")
def _perm_delete(store, email, m, params, body, req):
    return drive_permissions.delete(store, email, m["id"], m["pid"])


@route("POST", "/upload/drive/v3/files", "drive.files.create")
def _upload(store, email, m, params, body, req):
    data = req.get_data()
    if params.get("uploadType") == "multipart":
        msg = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {req.headers.get('Content-Type')}\r\n\r\n".encode() + data
        )
        parts = list(msg.iter_parts())  # type: ignore[attr-defined]
        meta = json.loads(parts[0].get_content())
        check_request("drive.files.create", {}, meta)  # the metadata part is a File
        content = parts[1].get_payload(decode=True) or b""
        return drive_content.upload(
            store, email, params, meta, content, parts[1].get_content_type()
        )
    return drive_content.upload(
        store, email, params, {}, data, req.headers.get("Content-Type", "application/octet-stream")
    )


@route("GET", f"/spreadsheets/d/{ID}/export", None)
def _docs_export(store, email, m, params, body, req):
    """The undocumented export URL: format=pdf|csv|tsv, gid selects one sheet."""
    f = store.files.get(m["id"])
    if f is None or f.spreadsheet is None or rank(store.role(f, email)) == 0:
        raise drive_not_found(m["id"])
    ss = f.spreadsheet
    sheets = ss.sheets
    if params.get("gid") not in (None, ""):
        sheet = ss.sheet_by_id(int(params["gid"]))
        if sheet is None:
            raise ApiError(400, f"No sheet with gid {params['gid']}.")
        sheets = [sheet]
    fmt = params.get("format", "pdf")
    if fmt in ("csv", "tsv"):
        data = export.delimited(ss, sheets[0], "," if fmt == "csv" else "\t")
        return 200, data, {"Content-Type": f"text/{fmt}"}
    if fmt != "pdf":
        raise ApiError(400, f"Unsupported export format {fmt}.")
    data = export.pdf(
        ss,
        sheets,
        f.name,
        landscape=params.get("portrait") == "false",
        size=params.get("size") or "A4",
        gridlines=params.get("gridlines", "true") != "false",
    )
    return 200, data, {"Content-Type": "application/pdf"}


def _params(parsed: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {k: v[-1] for k, v in parsed.items()}
    if "ranges" in parsed:
        out["ranges"] = parsed["ranges"]
    return out


def _body(req: Request) -> Any:
    data = req.get_data()
    if not data or "json" not in (req.headers.get("Content-Type") or "application/json"):
        return None
    try:
        return json.loads(data)
    except ValueError:
        raise ApiError(400, "Invalid JSON payload received.") from None


def _respond(status: int, body: Any, headers: dict[str, str]) -> Response:
    if isinstance(body, bytes):
        return Response(body, status=status, headers=headers)
    text = json.dumps(body, ensure_ascii=False, indent=2)
    return Response(text, status=status, content_type="application/json; charset=UTF-8")


def make_wsgi_app(store: Store, log: list[tuple[str, str, str]]) -> Callable:
    """The WSGI callable serving every route above against `store`."""

    def app(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        req = Request(environ)
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or req.full_path
        raw_path, _, query = raw.partition("?")
        raw_path = re.sub(r"^https?://[^/]+", "", raw_path)
        with store.lock:
            email = store.email_for(req.headers.get("Authorization"))
            log.append((req.method, unquote(raw_path) + (f"?{query}" if query else ""), email))
            try:
                for method, pattern, method_id, handler in ROUTES:
                    m = pattern.match(raw_path)
                    if m and method == req.method:
                        groups = {k: unquote(x) for k, x in m.groupdict().items()}
                        parsed = parse_qs(query, keep_blank_values=True)
                        body = _body(req)
                        if method_id is not None:  # an upload's body is the file itself
                            json_body = None if raw_path.startswith("/upload/") else body
                            check_request(method_id, parsed, json_body)
                        result = handler(store, email, groups, _params(parsed), body, req)
                        if not isinstance(result, tuple):
                            result = (200, result, {})
                        response = _respond(*result)
                        break
                else:
                    response = _respond(404, ApiError(404, "Method not found.").body(), {})
            except ApiError as err:
                response = _respond(err.code, err.body(), {})
            except Exception as exc:  # a bug in the fake: answer 500 with the traceback
                message = f"fake error: {exc!r}\n{traceback.format_exc()}"
                response = _respond(500, ApiError(500, message).body(), {})
        return response(environ, start_response)

    return app
