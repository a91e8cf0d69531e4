"""A small formula evaluator, enough for the achievement columns our templates use.

Supported: numbers, "strings", TRUE/FALSE, cell refs and ranges (`B2`, `$B$2`, `A1:C3`,
`A:A`, `Sheet2!B2`, `'My sheet'!B2`), + - * / ^ unary minus, postfix %, & concatenation,
comparisons (= <> < > <= >=), and functions SUM AVERAGE MIN MAX COUNT COUNTA IF IFERROR
ROUND ROUNDUP ROUNDDOWN ABS AND OR NOT LEN CONCATENATE ISBLANK. Anything else evaluates to
#NAME? (a visible error, never a silently wrong number); a circular reference gives #REF!.

The spreadsheet's locale decides the syntax, as on Sheets (locales.py): in the decimal-comma
locales (in_ID, de_DE, tr_TR, ...) arguments are separated by `;` and numbers are written
`0,5`, so `=IF(A1>0,1,2)` there is #ERROR! "Formula parse error."; `;` works everywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .a1 import Bounds, parse_cells
from .formula_funcs import FUNCTIONS, FormulaFailure, num, text_of
from .locales import argument_separators
from .values import FormulaError, Scalar

Resolver = Callable[[str | None, Bounds], list[list[Scalar]]]

_PATTERN = r"""\s*(?:
    (?P<num>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?
        (?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}))
        (?![A-Za-z0-9_(])
    |(?P<name>[A-Za-z_][A-Za-z0-9_.]*)
    |(?P<op><>|<=|>=|[-+*/^&=<>(),%;:])
    )"""
_COMMA_PATTERN = _PATTERN.replace(r"\.?\d*", r",?\d*").replace(r"|\.\d+", r"|,\d+")
_TOKENS = {".": re.compile(_PATTERN, re.VERBOSE), ",": re.compile(_COMMA_PATTERN, re.VERBOSE)}


class _Syntax(Exception):
    """The formula does not parse: the whole cell is #ERROR!, even inside IFERROR."""


def _tokenize(text: str, mark: str = ".") -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKENS[mark].match(text, pos)
        if not m:
            raise _Syntax
        kind = m.lastgroup or "op"
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(
        self, tokens: list[tuple[str, str]], resolve: Resolver, seps: tuple[str, ...]
    ) -> None:
        self.tokens, self.pos, self.resolve, self.seps = tokens, 0, resolve, seps

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise _Syntax
        self.pos += 1
        return self.tokens[self.pos - 1]

    def expect(self, op: str) -> None:
        if self.take()[1] != op:
            raise _Syntax

    def binary(self, ops: tuple[str, ...], sub: Callable[[], Any], fn: Callable) -> Any:
        left = sub()
        while self.peek() in ops:
            op = self.take()[1]
            left = fn(op, left, sub())
        return left

    def comparison(self) -> Any:
        return self.binary(("=", "<>", "<", ">", "<=", ">="), self.concat, _compare)

    def concat(self) -> Any:
        return self.binary(("&",), self.additive, lambda _o, a, b: text_of(a) + text_of(b))

    def additive(self) -> Any:
        return self.binary(("+", "-"), self.term, _arith)

    def term(self) -> Any:
        return self.binary(("*", "/"), self.power, _arith)

    def power(self) -> Any:
        return self.binary(("^",), self.unary, _arith)

    def unary(self) -> Any:
        if self.peek() in ("-", "+"):
            sign = self.take()[1]
            value = num(self.unary())
            return -value if sign == "-" else value
        value = self.primary()
        while self.peek() == "%":
            self.take()
            value = num(value) / 100
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return float(text.replace(",", "."))
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
        raise _Syntax

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
            if self.peek() in self.seps:
                self.take()
        self.expect(")")
        if name not in FUNCTIONS:
            raise FormulaFailure(FormulaError("#NAME?", f"Unknown function: '{name.lower()}'."))
        return FUNCTIONS[name](args)

    def lazy(self, name: str) -> Any:
        """IF / IFERROR: arguments are parsed in order, errors caught where Sheets would."""
        first: Any
        try:
            first, failed = self.comparison(), None
        except FormulaFailure as err:
            first, failed = None, err
            self.skip_argument()
        rest: list[Any] = []
        while self.peek() in self.seps:
            self.take()
            try:
                rest.append(self.comparison())
            except FormulaFailure as err:
                rest.append(err)
                self.skip_argument()
        self.expect(")")
        if name == "IFERROR":
            return (rest[0] if rest else None) if failed else first
        if failed:
            raise failed
        chosen = rest[0] if num(first) != 0 else (rest[1] if len(rest) > 1 else False)
        if isinstance(chosen, FormulaFailure):
            raise chosen
        return chosen

    def skip_argument(self) -> None:
        depth = 0
        while self.peek() is not None:
            tok = self.peek()
            if depth == 0 and (tok in self.seps or tok == ")"):
                return
            depth += {"(": 1, ")": -1}.get(tok or "", 0)
            self.take()


def _arith(op: str, a: Any, b: Any) -> float:
    x, y = num(a), num(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "^":
        return x**y
    if y == 0:
        raise FormulaFailure(FormulaError("#DIV/0!", "Function DIVIDE parameter 2 cannot be zero."))
    return x / y


def _compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        x: Any = text_of(a).lower()
        y: Any = text_of(b).lower()
    else:
        x, y = num(a), num(b)
    return {
        "=": x == y,
        "<>": x != y,
        "<": x < y,
        ">": x > y,
        "<=": x <= y,
        ">=": x >= y,
    }[op]


def evaluate(formula: str, resolve: Resolver, locale: str = "en_US") -> Scalar:
    """Evaluate `=...` text written the `locale` way; cell values come from
    `resolve(sheet_title_or_None, bounds)`."""
    seps = argument_separators(locale)
    try:
        parser = _Parser(_tokenize(formula.lstrip("="), "." if "," in seps else ","), resolve, seps)
        value = parser.comparison()
        if parser.pos != len(parser.tokens):
            raise _Syntax
    except _Syntax:
        return FormulaError("#ERROR!", "Formula parse error.")
    except FormulaFailure as err:
        return err.error
    except RecursionError:
        return FormulaError("#REF!", "Circular dependency detected.")
    except OverflowError:
        return FormulaError("#NUM!", "Result is not a number.")
    if isinstance(value, list):
        value = value[0][0] if value and value[0] else None
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return FormulaError("#NUM!", "Result is not a number.")
    return value
