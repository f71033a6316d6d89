"""Compare a framework's array with the reference's, without hiding NaN or Inf."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conformance.tolerances import Tolerance


@dataclass
class Comparison:
    ok: bool
    max_abs_err: float | None
    max_rel_err: float | None
    note: str = ""
    # max |a − e| / (atol + rtol·|e| + bound) over the finite elements: above 1 fails
    max_ratio: float | None = None


def elementwise(a: np.ndarray, e: np.ndarray, tol: Tolerance, bound=0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """|a − e|, the relative error |a − e| / |e| (0 where |e| ≤ atol: there the absolute test
    decides, and a ratio to ~0 says nothing), and |a − e| / (atol + rtol·|e| + bound), over
    tolerance iff > 1 (``bound``: the rounding-error allowance, ``conformance/tolerances.py``).
    Finite float64 arrays of one shape."""
    diff = np.abs(a - e)
    ref = np.abs(e)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(ref > tol.atol, diff / ref, 0.0)
        ratio = diff / (tol.atol + tol.rtol * ref + bound)
    return diff, rel, ratio


def _matched_nonfinite(a: np.ndarray, e: np.ndarray) -> list[str]:
    """Where a non-finite value matched the reference's. Such elements pass, and the note counts
    them: a check whose output is NaN must never read as a silent exact pass."""
    notes = []
    for what, where in (("NaN matched NaN", np.isnan(a) & np.isnan(e)),
                        ("+inf matched +inf", (a == np.inf) & (e == np.inf)),
                        ("-inf matched -inf", (a == -np.inf) & (e == -np.inf))):
        if where.any():
            notes.append(f"{what} at {int(where.sum())} element(s)")
    return notes


def compare(actual, expected, tol: Tolerance, bound=None) -> Comparison:
    """Element by element: pass iff |a − e| ≤ atol + rtol·|e| everywhere and non-finite values
    match. ``max_abs_err`` = max |a − e|; ``max_rel_err`` = max |a − e| / |e| over the elements
    where |e| > atol (below that the absolute test decides, and a ratio to ~0 says nothing).
    Matched non-finite values (NaN and NaN, or the same infinity) pass; the note counts them."""
    if actual is None:
        return Comparison(False, None, None, "the framework produced no value (no gradient flowed)")
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    if actual.shape != expected.shape:
        return Comparison(False, None, None, f"shape {actual.shape} vs reference {expected.shape}")
    notes = []
    ok = True
    if actual.dtype != expected.dtype:
        ok = False
        notes.append(f"dtype {actual.dtype} vs reference {expected.dtype}")
    a = actual.astype(np.float64)
    e = expected.astype(np.float64)
    finite = np.isfinite(a) & np.isfinite(e)
    nonfinite_mismatch = ~finite & ~((np.isnan(a) & np.isnan(e)) | (a == e))
    if nonfinite_mismatch.any():
        ok = False
        idx = np.argwhere(nonfinite_mismatch)[0]
        notes.append(f"non-finite mismatch at {int(nonfinite_mismatch.sum())} element(s), "
                     f"first at {tuple(int(i) for i in idx)}: {a[tuple(idx)]} vs reference {e[tuple(idx)]}")
    notes += _matched_nonfinite(a, e)
    max_ratio = None
    if finite.any():
        b = 0.0 if bound is None else np.broadcast_to(np.asarray(bound, dtype=np.float64), a.shape)[finite]
        diff, rel, ratio = elementwise(a[finite], e[finite], tol, b)
        max_abs, max_rel, max_ratio = float(diff.max()), float(rel.max()), float(ratio.max())
        if (ratio > 1).any():
            ok = False
    else:
        max_abs = 0.0 if not nonfinite_mismatch.any() else float("inf")
        max_rel = max_abs
    if nonfinite_mismatch.any():
        max_abs = max_rel = float("inf")
    return Comparison(ok, max_abs, max_rel, "; ".join(notes), max_ratio)
