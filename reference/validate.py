"""Argument checks used by every constructor: each error names the argument,
the value and what is allowed."""
from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any, Iterable


def _fmt(value: Any) -> str:
    return repr(value)


def number(name: str, value: Any, *, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False) -> float:
    """A finite real number within [low, high] (ends open when asked)."""
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected a finite real number{_range(low, high, low_open, high_open)}")
    v = float(value)
    too_low = low is not None and (v <= low if low_open else v < low)
    too_high = high is not None and (v >= high if high_open else v > high)
    if too_low or too_high:
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected a number{_range(low, high, low_open, high_open)}")
    return v


def integer(name: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected an integer{_range(low, high, False, False)}")
    v = int(value)
    if (low is not None and v < low) or (high is not None and v > high):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected an integer{_range(low, high, False, False)}")
    return v


def choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected one of {', '.join(map(repr, allowed))}")
    return value


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected True or False")
    return value


def _range(low, high, low_open, high_open) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f" {'>' if low_open else '>='} {low}"
    if low is None:
        return f" {'<' if high_open else '<='} {high}"
    return f" in {'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
