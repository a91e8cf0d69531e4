"""Field masks: `fields=` partial responses and the `fields` of update requests.

Accepts both Google syntaxes: Drive's `files(id,name),nextPageToken` / `a/b` and the
Sheets dotted form `sheets.data.rowData.values.note`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import bad_request

Tree = dict[str, "Tree"]
OPEN = object()  # what `first_unknown`'s step answers for a node anything may be masked below


def parse(mask: str | None, keep_spaces: bool = False) -> Tree | None:
    """Parse a mask into a tree; None or "" or "*" means "everything".

    Spaces are dropped (Drive reads `id, name` as `id,name`) unless `keep_spaces`: Sheets reads
    `properties, sheets.properties` as a path ` sheets.properties` that names nothing
    (ringo380/claude-google-sheets-mcp#2), which is what discovery.py checks masks with.
    """
    if mask is None or mask.strip() in ("", "*"):
        return None
    text = mask if keep_spaces else mask.replace(" ", "")
    tree, pos = _parse_list(text, 0)
    if pos != len(text):
        raise bad_request(f"Invalid field selection {mask}")
    return tree


def _parse_list(text: str, pos: int) -> tuple[Tree, int]:
    tree: Tree = {}
    while pos < len(text):
        names: list[str] = []
        start = pos
        while pos < len(text) and text[pos] not in ",()":
            pos += 1
        names = [n for n in text[start:pos].replace("/", ".").split(".") if n]
        if not names:
            raise bad_request(f"Invalid field selection {text}")
        node = tree
        for n in names:
            node = node.setdefault(n, {})
        if pos < len(text) and text[pos] == "(":
            sub, pos = _parse_list(text, pos + 1)
            if pos >= len(text) or text[pos] != ")":
                raise bad_request(f"Invalid field selection {text}")
            pos += 1
            _merge(node, sub)
        if pos < len(text) and text[pos] == ")":
            return tree, pos
        if pos < len(text) and text[pos] == ",":
            pos += 1
    return tree, pos


def _merge(into: Tree, other: Tree) -> None:
    for k, v in other.items():
        _merge(into.setdefault(k, {}), v)


def apply(obj: Any, tree: Tree | None) -> Any:
    """Keep only the masked parts of a JSON-like value (lists are masked element-wise)."""
    if not tree:
        return obj
    if isinstance(obj, list):
        return [apply(x, tree) for x in obj]
    if not isinstance(obj, dict):
        return obj
    if "*" in tree:
        return obj
    return {k: apply(obj[k], sub) for k, sub in tree.items() if k in obj}


def mentions(tree: Tree | None, *path: str) -> bool:
    """Whether the mask selects something at or below `path` (None selects everything)."""
    if tree is None:
        return True
    node = tree
    for name in path:
        if not node:
            return True
        if name not in node:
            return "*" in node
        node = node[name]
    return True


def paths(tree: Tree | None) -> list[tuple[str, ...]]:
    """Leaf paths of a mask; [()] for "everything"."""
    if tree is None:
        return [()]
    out: list[tuple[str, ...]] = []
    for k, sub in tree.items():
        if k == "*":
            return [()]
        out.extend((k, *rest) for rest in (paths(sub) if sub else [()]))
    return out


def copy_path(src: dict, dst: dict, path: tuple[str, ...]) -> None:
    """Set dst[path] = src[path], deleting it from dst when src lacks it (update semantics)."""
    if not path:
        dst.clear()
        dst.update(src)
        return
    head, rest = path[0], path[1:]
    if not rest:
        if head in src:
            dst[head] = src[head]
        else:
            dst.pop(head, None)
        return
    sub_src = src.get(head) if isinstance(src.get(head), dict) else {}
    sub_dst = dst.setdefault(head, {})
    copy_path(sub_src or {}, sub_dst, rest)
    if not sub_dst:
        dst.pop(head, None)


def first_unknown(
    tree: Tree | None, node: Any, step: Callable[[Any, str], Any], prefix: str = ""
) -> tuple[str, str] | None:
    """The first path of `tree` that names no field, as (the path down to the name that is
    missing, the whole masked path); None when every path names one. `step(node, name)`
    answers the node below `name`, None when there is no such field, or OPEN."""
    for name, sub in (tree or {}).items():
        path = f"{prefix}.{name}" if prefix else name
        below = step(node, name)
        if below is OPEN:
            continue
        if below is None:
            leaf = path
            while sub:
                first, sub = next(iter(sub.items()))
                leaf = f"{leaf}.{first}"
            return path, leaf
        bad = first_unknown(sub, below, step, path) if sub else None
        if bad is not None:
            return bad
    return None
