"""The reference's convention for non-finite inputs, shared by the activations and losses.

* ±inf: the true limit wherever one exists: relu(−inf) = 0, σ'(±inf) = 0, gelu'(+inf) = 1,
  softmax of a row with one +inf is one-hot. Where none exists (inf − inf, ties at +inf,
  a softmax row of all −inf), the result is NaN.
* NaN: propagates. A NaN input gives a NaN output and a NaN gradient in its element (its row
  for the row-wise softmax and the cross-entropies on logits), also where a mask or a branch
  (x > 0, clip bounds) would pick a slope for it: the slope at an undefined point is undefined.
  Only a derivative that is the same constant everywhere (identity) stays finite.

The frameworks differ from this in places; each difference is a record in
conformance/divergences/nonfinite.py, measured on conformance/cases/nonfinite.py.
"""
from __future__ import annotations

import numpy as np


def nan_where(x: np.ndarray) -> np.ndarray | None:
    """The mask of x's NaN entries, or None when there is none (one read of x, no mask: the usual case)."""
    return np.isnan(x) if x.size and np.isnan(np.max(x)) else None       # max is NaN if any entry is


def nan_at(nan: np.ndarray | None, dx: np.ndarray) -> np.ndarray:
    """``dx`` with NaN where the mask ``nan`` (of ``nan_where``; None: nowhere) is set, written into dx."""
    if nan is not None:
        dx[nan] = np.nan
    return dx


def nan_at_nan(x: np.ndarray, dx: np.ndarray) -> np.ndarray:
    """``dx`` (an array of x's shape) with NaN wherever ``x`` is NaN (a gradient that masks or selects by
    x's sign or range would otherwise give NaN inputs a finite slope), written into dx."""
    return nan_at(nan_where(x), dx)
