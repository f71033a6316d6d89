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


def elementwise(a: np.ndarray, e: np.ndarray, tol: Tolerance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """|a − e|, the relative error |a − e| / |e| (0 where |e| ≤ atol: there the absolute test
    decides, and a ratio to ~0 says nothing), and |a − e| / (atol + rtol·|e|), over tolerance
    iff > 1. Finite float64 arrays of one shape."""
    diff = np.abs(a - e)
    ref = np.abs(e)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(ref > tol.atol, diff / ref, 0.0)
        ratio = diff / (tol.atol + tol.rtol * ref)
    return diff, rel, ratio


def compare(actual, expected, tol: Tolerance) -> Comparison:
    """Element by element: pass iff |a − e| ≤ atol + rtol·|e| everywhere and non-finite values
    match. ``max_abs_err`` = max |a − e|; ``max_rel_err`` = max |a − e| / |e| over the elements
    where |e| > atol (below that the absolute test decides, and a ratio to ~0 says nothing)."""
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
    if finite.any():
        diff, rel, ratio = elementwise(a[finite], e[finite], tol)
        max_abs, max_rel = float(diff.max()), float(rel.max())
        if (ratio > 1).any():
            ok = False
    else:
        max_abs = 0.0 if not nonfinite_mismatch.any() else float("inf")
        max_rel = max_abs
    if nonfinite_mismatch.any():
        max_abs = max_rel = float("inf")
    return Comparison(ok, max_abs, max_rel, "; ".join(notes))
