"""Request bodies and field masks checked against the discovery documents' schemas.

Each schema is compiled once into a `Node` tree, so a request costs one walk over its JSON.
Refusals and their wording (discovery.py has the query side and the error shape):

- unknown field, at any depth, through $ref, arrays and additionalProperties maps:
  'Invalid JSON payload received. Unknown name "foo" at 'requests[0].update_sheet_properties
  .properties': Cannot find field.' (theoephraim/node-google-spreadsheet#523; without "at"
  for a top-level name, as measured on Docs v1); all unknown names are reported together, one
  per line (googleapis/google-api-php-client#1403); a list sent for a non-repeated field is
  '... Unknown name "x" at 'p': Proto field is not repeating, cannot start list.'
  (zed-industries/zed#53919);
- wrong JSON type or enum value: "Invalid value at 'data.values[0]'
  (type.googleapis.com/google.protobuf.ListValue), "A"" (burnash/gspread#668), "(TYPE_INT32),
  "abc"" and "(type.googleapis.com/google.apps.docs.v1.NamedStyleType), "BOGUS"" (measured on
  Docs v1); proto3 JSON accepts integers as numbers or decimal strings (int64 is a string in
  the documents), numbers as JSON numbers or strings, booleans only as true/false;
- `null` is "not given" anywhere (gspread sends "majorDimension": null);
- a batchUpdate `Request` must set exactly one kind: "Invalid requests[0]: No request set."
  and "Invalid value at 'requests[0]' (oneof), oneof field 'kind' is already set. Cannot set
  'deleteSheet'" (both measured on Docs v1, whose oneof is named `request`; Sheets' is `kind`);
- the `fields` mask of an update request (updateSheetProperties, updateCells, repeatCell...)
  must name fields of the schema it masks (the one its description names: CellData for
  updateCells, `properties` for updateSheetProperties...): "Invalid requests[0].repeatCell:
  Invalid field: foo" (the Docs v1 wording, measured; assumed for Sheets).

Body paths are snake_case and start at the field the HTTP body binds to: "data" for
values.update (gspread#668) and values.append (assumed the same), "spreadsheet" for
spreadsheets.create (assumed). Drive: Drive v3 ignores the v2 permission field `withLink`,
which gspread's insert_permission still sends (burnash/gspread#1115), so it is accepted and
ignored; every other unknown Drive field is refused, where Drive's answer is not documented.
Lenient where Google may be strict: a mask may step through a repeated field; update masks
may hold spaces; oneofs other than Request's (ExtendedValue's numberValue/stringValue...)
are not checked. Stricter: enum values given as numbers (proto3 JSON accepts them).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from . import fields
from .discovery import INT_RANGE, PACKAGES, Refusal, document, enum_type, shown, snake, update_masks
from .errors import ApiError

BODY_FIELD = {
    "sheets.spreadsheets.values.update": "data",
    "sheets.spreadsheets.values.append": "data",
    "sheets.spreadsheets.create": "spreadsheet",
}
# Known leniency: names Google ignores in a request body of that schema.
IGNORED = {("drive", "Permission"): frozenset({"withLink"})}
SCALAR_TYPES = {
    "google-datetime": "type.googleapis.com/google.protobuf.Timestamp",
    "google-duration": "type.googleapis.com/google.protobuf.Duration",
    "google-fieldmask": "type.googleapis.com/google.protobuf.FieldMask",
}
_NUMBER = re.compile(r"^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|NaN|-?Infinity)\s*$")
_INT = re.compile(r"^[+-]?\d+$")


class Node:
    """One compiled schema: kind is message, map, list, string, int, number, bool, enum, any."""

    __slots__ = ("kind", "type", "props", "child", "enum", "low", "high", "ignored")

    def __init__(self, kind: str, type_: str) -> None:
        self.kind = kind
        self.type = type_
        self.props: dict[str, Node] = {}
        self.child: Node | None = None
        self.enum: frozenset[str] = frozenset()
        self.low = self.high = 0
        self.ignored: frozenset[str] = frozenset()


@functools.cache
def schema(api: str, name: str) -> Node:
    """The compiled node of a named schema (compiling the whole document the first time)."""
    return _compiled(api)[name]


@functools.cache
def _compiled(api: str) -> dict[str, Node]:
    schemas = document(api)["schemas"]
    nodes = {n: Node("message", f"type.googleapis.com/{PACKAGES[api]}.{n}") for n in schemas}
    for name, spec in schemas.items():
        node = nodes[name]
        node.ignored = IGNORED.get((api, name), frozenset())
        for prop, sub in spec.get("properties", {}).items():
            node.props[prop] = _node(api, sub, prop, nodes)
    return nodes


def _node(api: str, spec: dict[str, Any], name: str, nodes: dict[str, Node]) -> Node:
    if "$ref" in spec:
        return nodes[spec["$ref"]]
    kind, fmt = spec.get("type", "any"), spec.get("format")
    if kind == "array":
        node = Node("list", "")
        node.child = _node(api, spec["items"], name, nodes)
        if node.child.kind == "list":
            node.child.type = "type.googleapis.com/google.protobuf.ListValue"
        return node
    if "properties" in spec:  # an inline object (Drive's File.capabilities...)
        node = Node("message", f"type.googleapis.com/{PACKAGES[api]}.{name[:1].upper()}{name[1:]}")
        node.props = {p: _node(api, sub, p, nodes) for p, sub in spec["properties"].items()}
        return node
    if kind == "object":
        node = Node("map" if "additionalProperties" in spec else "any", "")
        if "additionalProperties" in spec:
            node.child = _node(api, spec["additionalProperties"], name, nodes)
        return node
    if "enum" in spec:
        node = Node("enum", enum_type(api, name))
        node.enum = frozenset(spec["enum"])
        return node
    if kind == "integer" or fmt in INT_RANGE:
        node = Node("int", f"TYPE_{(fmt or 'int32').upper()}")
        node.low, node.high = INT_RANGE.get(fmt or "int32", INT_RANGE["int64"])
        return node
    if kind == "number":
        return Node("number", "TYPE_FLOAT" if fmt == "float" else "TYPE_DOUBLE")
    if kind == "boolean":
        return Node("bool", "TYPE_BOOL")
    if kind == "string":
        return Node("string", SCALAR_TYPES.get(fmt or "", "TYPE_STRING"))
    return Node("any", "type.googleapis.com/google.protobuf.Value")


def _path(trail: list[Any]) -> str:
    out = ""
    for seg in trail:
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif isinstance(seg, tuple):
            out += f"[{seg[0]}]"
        else:
            out += f".{snake(seg)}" if out else snake(seg)
    return out


def _ok(node: Node, value: Any) -> bool:
    kind = node.kind
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "enum":
        return isinstance(value, str) and value in node.enum
    if kind == "int":
        if isinstance(value, bool):
            return False
        if isinstance(value, float):
            if not value.is_integer():
                return False
            value = int(value)
        elif isinstance(value, str):
            if not _INT.match(value):
                return False
            value = int(value)
        return isinstance(value, int) and node.low <= value <= node.high
    if kind == "number":
        if isinstance(value, str):
            return bool(_NUMBER.match(value))
        return isinstance(value, int | float) and not isinstance(value, bool)
    return True


Unknown = list[tuple[str, str, str]]  # (path of the message, name, why)
CONTAINERS = frozenset({"message", "list", "map"})
NOT_REPEATING = "Proto field is not repeating, cannot start list."


def _walk(api: str, node: Node, value: Any, trail: list[Any], unknown: Unknown) -> None:
    """Check `value` against `node`; leaves are checked in their container's loop (most of a
    big updateCells is leaves), and the trail is only rendered for an error."""
    kind = node.kind
    if kind == "message":
        if not isinstance(value, dict):
            _invalid(api, node, value, trail)
        props = node.props
        for key, item in value.items():
            child = props.get(key)
            if child is None:
                if key not in node.ignored:
                    unknown.append((_path(trail), key, "Cannot find field."))
                continue
            if item is None:
                continue
            ck = child.kind
            leaf = ck not in CONTAINERS
            if leaf and (ck == "any" or (ck == "string" and type(item) is str) or _ok(child, item)):
                continue
            if ck != "list" and isinstance(item, list):
                unknown.append((_path(trail), key, NOT_REPEATING))
                continue
            trail.append(key)
            if leaf:
                _invalid(api, child, item, trail)
            _walk(api, child, item, trail, unknown)
            trail.pop()
    elif kind == "list":
        child: Node = node.child  # type: ignore[assignment]
        if not isinstance(value, list):
            _invalid(api, node if node.type else child, value, trail)
        ck = child.kind
        for i, item in enumerate(value):
            if ck in CONTAINERS:
                trail.append(i)
                _walk(api, child, item, trail, unknown)
                trail.pop()
            elif ck != "any" and not _ok(child, item):
                trail.append(i)
                _invalid(api, child, item, trail)
    elif kind == "map":
        if not isinstance(value, dict):
            _invalid(api, node, value, trail)
        for key, item in value.items():
            if item is not None:
                trail.append((key,))
                _walk(api, node.child, item, trail, unknown)  # type: ignore[arg-type]
                trail.pop()
    elif kind != "any" and not _ok(node, value):
        _invalid(api, node, value, trail)


def _invalid(api: str, node: Node, value: Any, trail: list[Any]) -> None:
    path = _path(trail)
    kind = node.type or "type.googleapis.com/google.protobuf.Struct"
    message = f"Invalid value at '{path}' ({kind}), {shown(value)}"
    raise Refusal(api, message, "invalid", None, [(path, message)])


def check_body(api: str, method_id: str, request: str, body: Any) -> None:
    """Refuse a body that does not parse as `request`, then batchUpdate's per-request rules."""
    root = BODY_FIELD.get(method_id)
    trail: list[Any] = [root] if root else []
    unknown: Unknown = []
    _walk(api, schema(api, request), body, trail, unknown)
    if unknown:
        violations: list[tuple[str | None, str]] = []
        for path, name, why in unknown:
            at = f" at '{path}'" if path else ""
            line = f'Invalid JSON payload received. Unknown name "{name}"{at}: {why}'
            violations.append((path or None, line))
        raise Refusal(api, "\n".join(line for _, line in violations), violations=violations)
    if method_id == "sheets.spreadsheets.batchUpdate":
        for i, req in enumerate(body.get("requests") or []):
            _check_request(i, req)


def _check_request(i: int, req: dict[str, Any]) -> None:
    kinds = [k for k, v in req.items() if v is not None]
    if not kinds:
        raise Refusal("sheets", f"Invalid requests[{i}]: No request set.")
    if len(kinds) > 1:
        message = (
            f"Invalid value at 'requests[{i}]' (oneof), oneof field 'kind' is already set. "
            f"Cannot set '{kinds[1]}'"
        )
        raise Refusal("sheets", message, violations=[(f"requests[{i}]", message)])
    kind = kinds[0]
    target = update_masks().get(kind)
    mask = req[kind].get("fields")
    if target is None or not isinstance(mask, str) or not mask.strip():
        return
    try:
        bad = fields.first_unknown(fields.parse(mask), schema("sheets", target), _field)
    except ApiError:
        bad = (mask, mask)
    if bad is not None:
        raise Refusal("sheets", f"Invalid requests[{i}].{kind}: Invalid field: {bad[1]}")


def _field(node: Node, name: str) -> Node | object | None:
    """How a mask steps from `node` to `name` (repeated fields are stepped through)."""
    while node.kind == "list":
        node = node.child  # type: ignore[assignment]
    if name == "*" or node.kind in ("map", "any"):
        return fields.OPEN
    return node.props.get(name) if node.kind == "message" else None


def check_mask(api: str, response: str, mask: str) -> None:
    """Refuse a `fields` query mask naming what the response schema does not have."""
    try:
        tree = fields.parse(mask, keep_spaces=api == "sheets")
    except ApiError:  # unbalanced parentheses, empty names: the whole mask is at fault
        name = path = mask
    else:
        bad = fields.first_unknown(tree, schema(api, response), _field)
        if bad is None:
            return
        name, path = bad[0].rsplit(".", 1)[-1], bad[1]
    if api == "drive":
        raise Refusal(api, f"Invalid field selection {name}", "invalidParameter", "fields")
    why = f"Error expanding 'fields' parameter. Cannot find matching fields for path '{path}'."
    raise Refusal(api, "Request contains an invalid argument.", violations=[(path, why)])
