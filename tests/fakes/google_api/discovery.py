"""Google's own discovery documents decide which requests the fake accepts.

`google-api-python-client` ships the published documents (discovery_cache/documents/
sheets.v4.json, drive.v3.json); they are read lazily, once, and compiled into `Method`s and
schema nodes (validate.py) that every request is checked against before a handler runs
(routes.py). What is refused, in the order checked:

- query parameters: a name that is neither the method's own query parameter nor one of the
  document's global `parameters` (fields, alt, key, prettyPrint, quotaUser, access_token,
  uploadType, upload_protocol, callback, oauth_token, $.xgafv); path parameters (spreadsheetId,
  range, fileId...) are not query parameters; a value that is not of the parameter's type
  (integer, boolean: true/false, and gspread's Python-style True/False, which Google accepts,
  ../shared/conformance/README.md), not one of its enum values, given twice where the
  parameter is not `repeated`, or missing where it is `required`;
- the `fields` query mask, against the method's response schema (validate.check_mask);
- the JSON body, against the method's request schema (validate.check_body).

Wording, copied from Google's answers as reported in public issues:
- unknown parameter: "Invalid JSON payload received. Unknown name "X": Cannot bind query
  parameter. Field 'X' could not be found in request message." (VBA-tools/VBA-Web#332 on
  Sheets; the same sentence measured on Docs v1 in a findings file found by code search);
- typed value: "Invalid value at 'value_input_option'
  (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "USER_ENTER"" (johnkhansrc/
  NestGoogleSheetConnector#6), "(TYPE_INT32), "NOPE"" for Drive pageSize (brekkylab/backlot
  #337); proto field names are snake_case;
- system parameter: "Invalid query parameters. Invalid value '9' for system query parameter :
  $.xgafv" (measured by brekkylab/backlot, backlot/errors/google.py);
- Drive `fields`: "Invalid field selection X", reason invalidParameter at location `fields`
  (googleworkspace/java-samples#1547); Sheets `fields`: "Request contains an invalid
  argument." with the path only in a BadRequest fieldViolation, "Error expanding 'fields'
  parameter. Cannot find matching fields for path 'X'." (ringo380/claude-google-sheets-mcp#2,
  backlot's bad_field_mask);
- missing required parameter: "Required parameter: mimeType" (backlot's errors.required).

Error shape: Sheets answers {"error": {code, message, status: INVALID_ARGUMENT, details}};
Drive answers {"error": {code, message, errors: [{message, domain, reason, location,
locationType}]}} with no `status` on parameter failures (measured by backlot,
tests/test_google.py::test_drive_errors_carry_the_legacy_errors_array).

Where the fake may be stricter than Google (deliberately, nothing here is known to be
accepted by Google except where said): a repeated non-repeated parameter is refused, although
backlot (#306) measured Google reading its first or last repeat, and the refusal sentence is
the fake's own; booleans spelled other than true/false/True/False (Google may accept more);
unknown query parameters on Drive (Drive's answer is not documented, Sheets' is). The enum
type name in "Invalid value at" messages is derived from the parameter name (ValueInputOption,
ValueRenderOption... as on Google; majorDimension gives Dimension); Drive's is a guess.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ApiError

APIS = {"sheets": "sheets.v4.json", "drive": "drive.v3.json"}
PACKAGES = {"sheets": "google.apps.sheets.v4", "drive": "google.apps.drive.v3"}
# Google accepts true/false and the Python-style spelling gspread puts in the query.
BOOLEANS = frozenset({"true", "false", "True", "False"})
_INT = re.compile(r"^[+-]?\d+$")
INT_RANGE = {
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
}
# Proto enum names that are not the UpperCamel of the parameter that carries them.
ENUM_TYPES = {
    "majorDimension": "Dimension",
    "dimension": "Dimension",
    "responseValueRenderOption": "ValueRenderOption",
    "responseDateTimeRenderOption": "DateTimeRenderOption",
}


# Known leniency: query parameters Google answers 200 with though the method has none such.
# drive.files.get with includeItemsFromAllDrives=True: recorded from gspread 5.x against the
# real Drive (../shared/conformance, e.g. ClientTest.test_create.json, the older run).
IGNORED_QUERY = {"drive.files.get": frozenset({"includeItemsFromAllDrives"})}


class Refusal(ApiError):
    """A 400 in the shape the API family answers with (see the module docstring)."""

    def __init__(
        self,
        api: str,
        message: str,
        reason: str = "badRequest",
        location: str | None = None,
        violations: list[tuple[str | None, str]] | None = None,
    ) -> None:
        super().__init__(400, message, reason if api == "drive" else None)
        self.api = api
        self.location = location
        self.violations = violations or []

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.api == "drive":
            entry = {"message": self.message, "domain": "global", "reason": self.reason}
            if self.location:
                entry.update(location=self.location, locationType="parameter")
            error["errors"] = [entry]
            return {"error": error}
        error["status"] = "INVALID_ARGUMENT"
        if self.violations:
            fv = [
                {"field": f, "description": d} if f else {"description": d}
                for f, d in self.violations
            ]
            error["details"] = [
                {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": fv}
            ]
        return {"error": error}


@functools.cache
def snake(name: str) -> str:
    """The proto field name Google's messages use for a JSON (lowerCamel) name."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def shown(value: Any) -> str:
    """A refused value as Google quotes it: strings in quotes, the rest as JSON."""
    return json.dumps(value, ensure_ascii=False)


def enum_type(api: str, name: str) -> str:
    base = ENUM_TYPES.get(name) or name[:1].upper() + name[1:]
    return f"type.googleapis.com/{PACKAGES[api]}.{base}"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    format: str | None
    enum: frozenset[str] | None
    repeated: bool
    required: bool
    system: bool


@dataclass(frozen=True)
class Method:
    id: str
    api: str
    query: dict[str, Param]
    request: str | None
    response: str | None


@functools.cache
def document(api: str) -> dict[str, Any]:
    """The discovery document of `api` ("sheets" or "drive"), parsed once. Found through the
    package's spec, which does not import googleapiclient (and google-auth with it)."""
    spec = importlib.util.find_spec("googleapiclient")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("google-api-python-client is not installed (see pyproject.toml)")
    base = Path(spec.submodule_search_locations[0]) / "discovery_cache" / "documents"
    return json.loads((base / APIS[api]).read_text(encoding="utf-8"))


def _param(name: str, spec: dict[str, Any], system: bool) -> Param:
    enum = frozenset(spec["enum"]) if "enum" in spec else None
    return Param(
        name,
        spec.get("type", "string"),
        spec.get("format"),
        enum,
        bool(spec.get("repeated")),
        bool(spec.get("required")),
        system,
    )


@functools.cache
def methods() -> dict[str, Method]:
    """Every method of both documents, by discovery id (e.g. "drive.permissions.create")."""
    out: dict[str, Method] = {}
    for api in APIS:
        doc = document(api)
        system = {n: _param(n, p, True) for n, p in doc["parameters"].items()}
        stack = [doc]
        while stack:
            res = stack.pop()
            stack.extend(res.get("resources", {}).values())
            for m in res.get("methods", {}).values():
                own = m.get("parameters", {})
                query = {n: _param(n, p, False) for n, p in own.items() if p["location"] == "query"}
                request = m.get("request", {}).get("$ref")
                response = m.get("response", {}).get("$ref")
                out[m["id"]] = Method(m["id"], api, {**system, **query}, request, response)
    return out


@functools.cache
def update_masks() -> dict[str, str]:
    """Request kind -> the schema its `fields` mask names fields of, read off the documents
    ("The fields of CellData that should be updated", "The root `properties` is implied")."""
    schemas = document("sheets")["schemas"]
    out: dict[str, str] = {}
    for kind, ref in schemas["Request"]["properties"].items():
        props = schemas[ref["$ref"]].get("properties", {})
        text = props.get("fields", {}).get("description", "")
        if props.get("fields", {}).get("format") != "google-fieldmask":
            continue
        named = re.search(r"fields of (\w+)", text) or re.search(r"root [`'](\w+)[`']", text)
        if not named:
            continue
        name = named.group(1)
        if name in props and "$ref" in props[name]:
            out[kind] = props[name]["$ref"]
        elif name in schemas:
            out[kind] = name
    return out


def check_request(method_id: str, query: dict[str, list[str]], body: Any) -> None:
    """Refuse (raise Refusal) what Google would refuse for this method, before it runs."""
    from . import validate  # here, not at the top: validate builds on this module

    method = methods()[method_id]
    check_query(method, query)
    if method.response and query.get("fields"):
        validate.check_mask(method.api, method.response, query["fields"][0])
    if method.request and body is not None:
        validate.check_body(method.api, method_id, method.request, body)


def check_query(method: Method, query: dict[str, list[str]]) -> None:
    api = method.api
    ignored = IGNORED_QUERY.get(method.id, frozenset())
    for name, values in query.items():
        param = method.query.get(name)
        if param is None and name in ignored:
            continue
        if param is None:
            message = (
                f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query '
                f"parameter. Field '{name}' could not be found in request message."
            )
            raise Refusal(api, message, location=name, violations=[(None, message)])
        if len(values) > 1 and not param.repeated:
            raise Refusal(
                api,
                f"Query parameter '{name}' is not repeated but was given {len(values)} times.",
                location=name,
            )
        for value in values:
            _check_value(api, param, value)
    for param in method.query.values():
        if param.required and param.name not in query:
            message = f"Required parameter: {param.name}"
            raise Refusal(api, message, "required", location=param.name)


def _check_value(api: str, param: Param, value: str) -> None:
    if param.type == "boolean":
        ok, kind = value in BOOLEANS, "TYPE_BOOL"
    elif param.type == "integer":
        low, high = INT_RANGE.get(param.format or "int32", INT_RANGE["int64"])
        ok = bool(_INT.match(value)) and low <= int(value) <= high
        kind = f"TYPE_{(param.format or 'int32').upper()}"
    elif param.enum is not None:
        ok, kind = value in param.enum, enum_type(api, param.name)
    else:
        return
    if ok:
        return
    if param.system:
        message = (
            f"Invalid query parameters. Invalid value '{value}' for system query parameter : "
            f"{param.name}"
        )
        raise Refusal(api, message)  # Drive: badRequest, no location (measured by backlot)
    field = snake(param.name)
    message = f"Invalid value at '{field}' ({kind}), {shown(value)}"
    raise Refusal(api, message, "invalid", param.name, [(field, message)])
