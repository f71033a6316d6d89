"""Argument checks used by every constructor and public method: each error names the argument,
the value and what is allowed.

Arrays (``array``, ``keys``): the reference computes in exactly the dtypes of
``reference.conventions.DTYPES``. An array of any other dtype (integer, boolean, float16) is
rejected, never cast: a silent upcast would hide the caller's mistake, and a silent truncation
(``l1`` of an int kernel) would compute garbage. Arrays that meet (x and its parameters, a
gradient and its parameter) must have the same dtype and the same shape; nothing is broadcast.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Integral, Real
from typing import Any, Iterable

import numpy as np

from reference.conventions import DTYPES


_DTYPES = frozenset(np.dtype(name) for name in DTYPES)


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


def dtype(name: str, value: Any) -> np.dtype:
    """A dtype the reference computes in (``reference.conventions.DTYPES``), in any NumPy spelling."""
    try:
        dt = np.dtype(value)
    except TypeError:
        dt = None
    if dt is None or dt.name not in DTYPES:
        shown = _fmt(value) if dt is None else dt.name
        raise ValueError(f"{name}={shown} is not allowed: expected {' or '.join(DTYPES)}")
    return dt


def array(name: str, value: Any, *, shape: tuple[int, ...] | None = None, min_ndim: int = 0,
          dtype_of: tuple[str, np.dtype] | None = None) -> np.ndarray:
    """A NumPy array (or scalar) of a dtype in ``DTYPES``; with ``shape`` exactly that shape, with
    ``min_ndim`` at least that many axes, with ``dtype_of=(other, dt)`` the dtype ``dt`` of ``other``."""
    if not isinstance(value, (np.ndarray, np.generic)):
        raise ValueError(f"{name} is a {type(value).__name__}: expected a NumPy array of dtype {' or '.join(DTYPES)}")
    if value.dtype not in _DTYPES and value.dtype.name not in DTYPES:   # the set first: dtype.name is slow
        raise ValueError(f"{name} has dtype {value.dtype}: expected {' or '.join(DTYPES)}")
    if dtype_of is not None and value.dtype != dtype_of[1]:
        raise ValueError(f"{name} has dtype {value.dtype}: expected {np.dtype(dtype_of[1])}, the dtype of {dtype_of[0]}")
    if value.ndim < min_ndim:
        raise ValueError(f"{name} has shape {value.shape}: expected at least {min_ndim} "
                         f"dimension{'s' if min_ndim > 1 else ''}")
    if shape is not None and value.shape != tuple(shape):
        raise ValueError(f"{name} has shape {value.shape}: expected {tuple(shape)}")
    return value


def keys(name: str, value: Any, expected: Iterable[str], *, of: str = "") -> Mapping:
    """A dict with exactly the keys ``expected`` (``of`` says where they come from, e.g. "params")."""
    expected = tuple(expected)
    if isinstance(value, dict) and value.keys() == set(expected):
        return value                            # the usual case, before any message is built
    want = (f"keys {_names(expected)}" if expected else "no keys") + (f" (the keys of {of})" if of else "")
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} is a {type(value).__name__}: expected a dict with {want}")
    missing = [k for k in expected if k not in value]
    extra = [k for k in value if k not in expected]
    if missing or extra:
        wrong = "; ".join(([f"missing {_names(missing)}"] if missing else []) +
                          ([f"unexpected {_names(extra)}"] if extra else []))
        has = f"has keys {_names(value)}" if value else "has no keys"
        raise ValueError(f"{name} {has}: {wrong}; expected {want}")
    return value


def arrays(name: str, value: Any) -> Mapping:
    """A dict name -> array, each checked by ``array`` (params, grads)."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} is a {type(value).__name__}: expected a dict name -> NumPy array")
    for key, a in value.items():
        array(f"{name}[{key!r}]", a)
    return value


def sequence(name: str, value: Any, what: str) -> tuple:
    """A list, tuple or 1-D array of ``what`` (the items are checked by the caller)."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return tuple(value)
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected a list or tuple of {what}")
    return tuple(value)


def shape(name: str, value: Any) -> tuple[int, ...]:
    """An array shape: a list or tuple of integers >= 1."""
    dims = sequence(name, value, "integers >= 1")
    if any(isinstance(d, bool) or not isinstance(d, Integral) or d < 1 for d in dims):
        raise ValueError(f"{name}={_fmt(value)} is not allowed: expected a list or tuple of integers >= 1")
    return tuple(int(d) for d in dims)


def _names(items: Iterable[Any]) -> str:
    return ", ".join(map(repr, items))


def _range(low, high, low_open, high_open) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f" {'>' if low_open else '>='} {low}"
    if low is None:
        return f" {'<' if high_open else '<='} {high}"
    return f" in {'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
