"""Spreadsheet functions and value coercions for the formula evaluator."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .values import FormulaError, Scalar


class FormulaFailure(Exception):
    """Raised inside evaluation to abort with a Sheets error value (e.g. #DIV/0!)."""

    def __init__(self, error: FormulaError) -> None:
        self.error = error


def num(v: Any) -> float:
    if isinstance(v, list):
        v = v[0][0] if v and v[0] else None
    if isinstance(v, FormulaError):
        raise FormulaFailure(v)
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        raise FormulaFailure(
            FormulaError("#VALUE!", f"Function expects number values. '{v}' is text.")
        ) from None


def text_of(v: Any) -> str:
    if isinstance(v, list):
        v = v[0][0] if v and v[0] else None
    if isinstance(v, FormulaError):
        raise FormulaFailure(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def flat(args: list[Any]) -> list[Scalar]:
    out: list[Scalar] = []
    for a in args:
        if isinstance(a, list):
            out.extend(c for row in a for c in row)
        else:
            out.append(a)
    return out


def numbers(args: list[Any]) -> list[float]:
    vals = []
    for a in args:
        if isinstance(a, list):
            for v in flat([a]):
                if isinstance(v, FormulaError):
                    raise FormulaFailure(v)
                if isinstance(v, int | float) and not isinstance(v, bool):
                    vals.append(float(v))
        else:
            vals.append(num(a))
    return vals


def round_to(x: float, digits: float, mode: str) -> float:
    factor = 10 ** int(digits)
    scaled = x * factor
    if mode == "up":
        scaled = math.copysign(math.ceil(abs(scaled) - 1e-9), scaled)
    elif mode == "down":
        scaled = math.copysign(math.floor(abs(scaled) + 1e-9), scaled)
    else:
        scaled = math.copysign(math.floor(abs(scaled) + 0.5 + 1e-9), scaled)
    return scaled / factor


def average(args: list[Any]) -> float:
    nums = numbers(args)
    if not nums:
        raise FormulaFailure(
            FormulaError("#DIV/0!", "Evaluation of function AVERAGE caused a divide by zero")
        )
    return sum(nums) / len(nums)


FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "SUM": lambda a: sum(numbers(a)),
    "AVERAGE": average,
    "MIN": lambda a: min(numbers(a), default=0.0),
    "MAX": lambda a: max(numbers(a), default=0.0),
    "COUNT": lambda a: float(
        len(numbers([x for x in a if isinstance(x, list)]))
        + sum(1 for x in a if isinstance(x, int | float))
    ),
    "COUNTA": lambda a: float(sum(1 for v in flat(a) if v not in (None, ""))),
    "ROUND": lambda a: round_to(num(a[0]), num(a[1]) if len(a) > 1 else 0, "half"),
    "ROUNDUP": lambda a: round_to(num(a[0]), num(a[1]) if len(a) > 1 else 0, "up"),
    "ROUNDDOWN": lambda a: round_to(num(a[0]), num(a[1]) if len(a) > 1 else 0, "down"),
    "ABS": lambda a: abs(num(a[0])),
    "AND": lambda a: all(num(v) != 0 for v in flat(a) if v is not None),
    "OR": lambda a: any(num(v) != 0 for v in flat(a) if v is not None),
    "NOT": lambda a: num(a[0]) == 0,
    "LEN": lambda a: float(len(text_of(a[0]))),
    "CONCATENATE": lambda a: "".join(text_of(v) for v in flat(a)),
    "ISBLANK": lambda a: flat(a[:1]) in ([None], [""]),
}
