"""The rules of the house (DESIGN.md) that a reviewer would otherwise check by hand: the
layers import one way, production never imports test code, the domain does no I/O, and no
module grows into a gspread-sized one."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parents[1] / "service"
MAX_LINES = 310  # "modules under ~300 lines"
IO_LIBRARIES = {"gspread", "openpyxl", "flask", "sqlalchemy", "smtplib", "requests", "google",
                "reportlab", "apscheduler", "pandas"}


def modules() -> dict[str, Path]:
    found = {}
    for path in SERVICE.rglob("*.py"):
        name = ".".join(path.relative_to(SERVICE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path) -> Iterator[str]:
    """Every module named in an import, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def graph(group: int | None) -> dict[str, set[str]]:
    """Module -> the service modules it imports; with `group`, names cut to that many parts
    (2: service.jobs, service.sheets, ...) and edges inside one group dropped."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        source = ".".join(name.split(".")[:group]) if group else name
        edges.setdefault(source, set())
        for target in imports(path):
            if target not in known:
                continue
            target = ".".join(target.split(".")[:group]) if group else target
            parent_to_child = target.startswith(source + ".") or source.startswith(target + ".")
            if target != source and not (group is None and parent_to_child):
                edges[source].add(target)
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle, as the path around it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("group", [None, 2], ids=["modules", "packages"])
def test_no_import_cycle(group: int | None) -> None:
    assert cycle(graph(group)) is None


def test_the_cycle_finder_finds_one() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_service_module_imports_test_code() -> None:
    offenders = [name for name, path in modules().items()
                 if any(m == "tests" or m.startswith("tests.") for m in imports(path))]
    assert offenders == []


def test_the_domain_does_no_io() -> None:
    offenders = {name: sorted({m.split(".")[0] for m in imports(path)} & IO_LIBRARIES)
                 for name, path in modules().items() if name.startswith("service.domain")}
    assert {name: libs for name, libs in offenders.items() if libs} == {}


def test_no_module_is_oversized() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
