"""Drive `q` search queries, parsed into a predicate over DriveFile.

Supported: `name`, `mimeType`, `modifiedTime`, `createdTime`, `trashed` with = != < <= > >=
(and `contains` for name); `'<id>' in parents`; `'<email>' in owners|writers|readers`;
`appProperties has { key='k' and value='v' }` (the caller's own app's, as appProperties are
private to the app; and `properties has`); `and`, `or`, `not` and parentheses. Strings may
use single or double quotes with backslash escapes. `trashed` is true for everything inside
a trashed folder too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .errors import ApiError
from .state import DriveFile, Store, rank

Predicate = Callable[[DriveFile], bool]
_TOKEN = re.compile(
    r"""\s*(?:(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(?P<op>!=|<=|>=|[=<>(){}])
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*))""",
    re.VERBOSE,
)


def _invalid() -> ApiError:
    return ApiError(400, "Invalid Value", "invalid")


def _tokens(q: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while q[pos:].strip():
        m = _TOKEN.match(q, pos)
        if not m:
            raise _invalid()
        kind = m.lastgroup or "op"
        text = m.group(kind)
        if kind == "str":
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        out.append((kind, text))
        pos = m.end()
    return out


def _time(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _invalid() from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _compare(op: str, a: Any, b: Any) -> bool:
    return {
        "=": a == b,
        "!=": a != b,
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
    }[op]


class _Parser:
    def __init__(self, q: str, store: Store, email: str | None) -> None:
        self.toks, self.pos, self.store = _tokens(q), 0, store
        self.email = email or store.service_account

    def peek(self, offset: int = 0) -> tuple[str, str] | None:
        i = self.pos + offset
        return self.toks[i] if i < len(self.toks) else None

    def take(self, kind: str | None = None, text: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (kind and tok[0] != kind) or (text and tok[1].lower() != text):
            raise _invalid()
        self.pos += 1
        return tok[1]

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "word" and tok[1].lower() == word

    def expr(self) -> Predicate:
        left = self.conj()
        while self.is_word("or"):
            self.take()
            right, prev = self.conj(), left
            left = lambda f, a=prev, b=right: a(f) or b(f)  # noqa: E731
        return left

    def conj(self) -> Predicate:
        left = self.unary()
        while self.is_word("and"):
            self.take()
            right, prev = self.unary(), left
            left = lambda f, a=prev, b=right: a(f) and b(f)  # noqa: E731
        return left

    def unary(self) -> Predicate:
        if self.is_word("not"):
            self.take()
            inner = self.unary()
            return lambda f: not inner(f)
        if self.peek() == ("op", "("):
            self.take()
            inner = self.expr()
            self.take("op", ")")
            return inner
        return self.term()

    def term(self) -> Predicate:
        tok = self.peek()
        if tok and tok[0] == "str":
            value = self.take()
            self.take("word", "in")
            return self._membership(value, self.take("word"))
        field = self.take("word")
        if self.is_word("has"):
            self.take()
            return self._has(field)
        op = "contains" if self.is_word("contains") else None
        op = self.take() if op else self.take("op")
        tok = self.peek()
        value = self.take() if tok and tok[0] in ("str", "word") else self.take("str")
        return self._field(field, op, value)

    def _membership(self, value: str, collection: str) -> Predicate:
        if collection == "parents":
            return lambda f: value in f.parents
        if collection in ("owners", "writers", "readers"):
            need = {"owners": "owner", "writers": "writer", "readers": "reader"}[collection]
            return lambda f: rank(self.store.role(f, value)) >= rank(need)
        raise _invalid()

    def _has(self, field: str) -> Predicate:
        self.take("op", "{")
        self.take("word", "key")
        self.take("op", "=")
        key = self.take("str")
        self.take("word", "and")
        self.take("word", "value")
        self.take("op", "=")
        value = self.take("str")
        self.take("op", "}")
        if field not in ("appProperties", "properties"):
            raise _invalid()
        if field == "properties":
            return lambda f: f.properties.get(key) == value
        client = self.store.client(self.email)
        return lambda f: f.app_props.get(client, {}).get(key) == value

    def _field(self, field: str, op: str, value: str) -> Predicate:
        if field == "name" and op == "contains":
            return lambda f: value.lower() in f.name.lower()
        if field in ("name", "mimeType"):
            attr = "name" if field == "name" else "mime_type"
            return lambda f: _compare(op, getattr(f, attr), value)
        if field in ("modifiedTime", "createdTime"):
            when = _time(value)
            attr = "modified" if field == "modifiedTime" else "created"
            return lambda f: _compare(op, getattr(f, attr), when)
        if field in ("trashed", "starred"):
            flag = value.lower() == "true"
            return lambda f: _compare(
                op, self.store.is_trashed(f) if field == "trashed" else False, flag
            )
        raise _invalid()


def compile_query(q: str | None, store: Store, email: str | None = None) -> Predicate:
    """Compile `q` as asked by `email` (None/empty matches everything)."""
    if not q or not q.strip():
        return lambda f: True
    parser = _Parser(q, store, email)
    pred = parser.expr()
    if parser.pos != len(parser.toks):
        raise _invalid()
    return pred
