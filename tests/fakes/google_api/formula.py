"""A small formula evaluator, enough for the achievement columns our templates use.

Supported: numbers, "strings", TRUE/FALSE, cell refs and ranges (`B2`, `$B$2`, `A1:C3`,
`A:A`, `Sheet2!B2`, `'My sheet'!B2`), + - * / ^ unary minus, postfix %, & concatenation,
comparisons (= <> < > <= >=), and functions SUM AVERAGE MIN MAX COUNT COUNTA IF IFERROR
ROUND ROUNDUP ROUNDDOWN ABS AND OR NOT LEN CONCATENATE ISBLANK. Anything else evaluates to
#NAME? (a visible error, never a silently wrong number); a circular reference gives #REF!.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .a1 import Bounds, parse_cells
from .values import FormulaError, Scalar

Resolver = Callable[[str | None, Bounds], list[list[Scalar]]]

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?
        (?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}))
        (?![A-Za-z0-9_(])
    |(?P<name>[A-Za-z_][A-Za-z0-9_.]*)
    |(?P<op><>|<=|>=|[-+*/^&=<>(),%;:])
    )""",
    re.VERBOSE,
)


class _Err(Exception):
    def __init__(self, error: FormulaError) -> None:
        self.error = error


def _tokenize(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise _Err(FormulaError("#ERROR!", "Formula parse error."))
        kind = m.lastgroup or "op"
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _num(v: Any) -> float:
    if isinstance(v, list):
        v = v[0][0] if v and v[0] else None
    if isinstance(v, FormulaError):
        raise _Err(v)
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        raise _Err(
            FormulaError("#VALUE!", f"Function expects number values. '{v}' is text.")
        ) from None


def _text(v: Any) -> str:
    if isinstance(v, list):
        v = v[0][0] if v and v[0] else None
    if isinstance(v, FormulaError):
        raise _Err(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _flat(args: list[Any]) -> list[Scalar]:
    out: list[Scalar] = []
    for a in args:
        if isinstance(a, list):
            out.extend(c for row in a for c in row)
        else:
            out.append(a)
    return out


def _numbers(args: list[Any]) -> list[float]:
    vals = []
    for a in args:
        if isinstance(a, list):
            for v in _flat([a]):
                if isinstance(v, FormulaError):
                    raise _Err(v)
                if isinstance(v, int | float) and not isinstance(v, bool):
                    vals.append(float(v))
        else:
            vals.append(_num(a))
    return vals


def _round(x: float, digits: float, mode: str) -> float:
    factor = 10 ** int(digits)
    scaled = x * factor
    if mode == "up":
        scaled = math.copysign(math.ceil(abs(scaled) - 1e-9), scaled)
    elif mode == "down":
        scaled = math.copysign(math.floor(abs(scaled) + 1e-9), scaled)
    else:
        scaled = math.copysign(math.floor(abs(scaled) + 0.5 + 1e-9), scaled)
    return scaled / factor


def _average(args: list[Any]) -> float:
    nums = _numbers(args)
    if not nums:
        raise _Err(
            FormulaError("#DIV/0!", "Evaluation of function AVERAGE caused a divide by zero")
        )
    return sum(nums) / len(nums)


_FUNCS: dict[str, Callable[[list[Any]], Any]] = {
    "SUM": lambda a: sum(_numbers(a)),
    "AVERAGE": _average,
    "MIN": lambda a: min(_numbers(a), default=0.0),
    "MAX": lambda a: max(_numbers(a), default=0.0),
    "COUNT": lambda a: float(
        len(_numbers([x for x in a if isinstance(x, list)]))
        + sum(1 for x in a if isinstance(x, int | float))
    ),
    "COUNTA": lambda a: float(sum(1 for v in _flat(a) if v not in (None, ""))),
    "ROUND": lambda a: _round(_num(a[0]), _num(a[1]) if len(a) > 1 else 0, "half"),
    "ROUNDUP": lambda a: _round(_num(a[0]), _num(a[1]) if len(a) > 1 else 0, "up"),
    "ROUNDDOWN": lambda a: _round(_num(a[0]), _num(a[1]) if len(a) > 1 else 0, "down"),
    "ABS": lambda a: abs(_num(a[0])),
    "AND": lambda a: all(_num(v) != 0 for v in _flat(a) if v is not None),
    "OR": lambda a: any(_num(v) != 0 for v in _flat(a) if v is not None),
    "NOT": lambda a: _num(a[0]) == 0,
    "LEN": lambda a: float(len(_text(a[0]))),
    "CONCATENATE": lambda a: "".join(_text(v) for v in _flat(a)),
    "ISBLANK": lambda a: _flat(a[:1]) in ([None], [""]),
}


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], resolve: Resolver) -> None:
        self.tokens, self.pos, self.resolve = tokens, 0, resolve

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise _Err(FormulaError("#ERROR!", "Formula parse error."))
        self.pos += 1
        return self.tokens[self.pos - 1]

    def expect(self, op: str) -> None:
        if self.take()[1] != op:
            raise _Err(FormulaError("#ERROR!", "Formula parse error."))

    def binary(self, ops: tuple[str, ...], sub: Callable[[], Any], fn: Callable) -> Any:
        left = sub()
        while self.peek() in ops:
            op = self.take()[1]
            left = fn(op, left, sub())
        return left

    def comparison(self) -> Any:
        return self.binary(("=", "<>", "<", ">", "<=", ">="), self.concat, _compare)

    def concat(self) -> Any:
        return self.binary(("&",), self.additive, lambda _o, a, b: _text(a) + _text(b))

    def additive(self) -> Any:
        return self.binary(("+", "-"), self.term, _arith)

    def term(self) -> Any:
        return self.binary(("*", "/"), self.power, _arith)

    def power(self) -> Any:
        return self.binary(("^",), self.unary, _arith)

    def unary(self) -> Any:
        if self.peek() in ("-", "+"):
            sign = self.take()[1]
            value = _num(self.unary())
            return -value if sign == "-" else value
        value = self.primary()
        while self.peek() == "%":
            self.take()
            value = _num(value) / 100
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return self.reference(text)
        if kind == "name":
            return self.call(text.upper())
        if text == "(":
            value = self.comparison()
            self.expect(")")
            return value
        raise _Err(FormulaError("#ERROR!", "Formula parse error."))

    def reference(self, text: str) -> Any:
        sheet = None
        if "!" in text:
            sheet, _, text = text.rpartition("!")
            if sheet.startswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
        bounds = parse_cells(text.replace("$", ""))
        grid = self.resolve(sheet, bounds)
        if ":" not in text:
            return grid[0][0] if grid and grid[0] else None
        return grid

    def call(self, name: str) -> Any:
        if name in ("TRUE", "FALSE") and self.peek() != "(":
            return name == "TRUE"
        self.expect("(")
        args: list[Any] = []
        if name in ("IF", "IFERROR"):
            return self.lazy(name)
        while self.peek() != ")":
            args.append(self.comparison())
            if self.peek() in (",", ";"):
                self.take()
        self.expect(")")
        if name not in _FUNCS:
            raise _Err(FormulaError("#NAME?", f"Unknown function: '{name.lower()}'."))
        return _FUNCS[name](args)

    def lazy(self, name: str) -> Any:
        """IF / IFERROR: arguments are parsed in order, errors caught where Sheets would."""
        first: Any
        try:
            first, failed = self.comparison(), None
        except _Err as err:
            first, failed = None, err
            self.skip_argument()
        rest: list[Any] = []
        while self.peek() in (",", ";"):
            self.take()
            try:
                rest.append(self.comparison())
            except _Err as err:
                rest.append(err)
                self.skip_argument()
        self.expect(")")
        if name == "IFERROR":
            return (rest[0] if rest else None) if failed else first
        if failed:
            raise failed
        chosen = rest[0] if _num(first) != 0 else (rest[1] if len(rest) > 1 else False)
        if isinstance(chosen, _Err):
            raise chosen
        return chosen

    def skip_argument(self) -> None:
        depth = 0
        while self.peek() is not None:
            tok = self.peek()
            if depth == 0 and tok in (",", ";", ")"):
                return
            depth += {"(": 1, ")": -1}.get(tok or "", 0)
            self.take()


def _arith(op: str, a: Any, b: Any) -> float:
    x, y = _num(a), _num(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "^":
        return x**y
    if y == 0:
        raise _Err(FormulaError("#DIV/0!", "Function DIVIDE parameter 2 cannot be zero."))
    return x / y


def _compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        x: Any = _text(a).lower()
        y: Any = _text(b).lower()
    else:
        x, y = _num(a), _num(b)
    return {
        "=": x == y,
        "<>": x != y,
        "<": x < y,
        ">": x > y,
        "<=": x <= y,
        ">=": x >= y,
    }[op]


def evaluate(formula: str, resolve: Resolver) -> Scalar:
    """Evaluate `=...` text; cell values come from `resolve(sheet_title_or_None, bounds)`."""
    try:
        parser = _Parser(_tokenize(formula.lstrip("=")), resolve)
        value = parser.comparison()
        if parser.pos != len(parser.tokens):
            raise _Err(FormulaError("#ERROR!", "Formula parse error."))
    except _Err as err:
        return err.error
    except RecursionError:
        return FormulaError("#REF!", "Circular dependency detected.")
    if isinstance(value, list):
        value = value[0][0] if value and value[0] else None
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return FormulaError("#NUM!", "Result is not a number.")
    return value
