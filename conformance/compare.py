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
        diff = np.abs(a[finite] - e[finite])
        ref = np.abs(e[finite])
        max_abs = float(diff.max())
        big = ref > tol.atol
        max_rel = float((diff[big] / ref[big]).max()) if big.any() else 0.0
        if (diff > tol.atol + tol.rtol * ref).any():
            ok = False
    else:
        max_abs = 0.0 if not nonfinite_mismatch.any() else float("inf")
        max_rel = max_abs
    if nonfinite_mismatch.any():
        max_abs = max_rel = float("inf")
    return Comparison(ok, max_abs, max_rel, "; ".join(notes))
