"""Numerically stable pieces shared by the reference losses (NumPy only), and the check of
integer class labels.

Every helper keeps the input's dtype: scalars are Python floats, which NumPy treats as
weak, so a float32 array stays float32.
"""
from __future__ import annotations

import numpy as np


def clip_probs(p: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """``p`` clipped to [eps, 1 − eps] and the mask where the gradient passes.

    The bounds are rounded to p's dtype as torch.clamp and tf.clip_by_value round them;
    the gradient passes on the bounds themselves (eps ≤ p ≤ 1 − eps), as in both.
    """
    lo, hi = np.asarray(eps, p.dtype), np.asarray(1.0 - eps, p.dtype)
    return np.clip(p, lo, hi), (p >= lo) & (p <= hi)


def xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log(y), and 0 where x = 0 (a term with zero weight counts 0 even where log y = −inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log(y)).astype(x.dtype, copy=False)


def xlog1my(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log(1 − y) via log1p (accurate for small y), and 0 where x = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x * np.log1p(-y)).astype(x.dtype, copy=False)


def xdivy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x / y, and 0 where x = 0 (the derivative of a zero-weight log term)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, 0.0, x / y).astype(x.dtype, copy=False)



def check_labels(labels: np.ndarray, y_pred: np.ndarray) -> None:
    """Raise ValueError unless ``labels`` (y_true) hold one integer in [0, C) per row of
    ``y_pred`` (N, C). Unchecked, NumPy would index from the end with a negative label and
    raise a bare IndexError past C."""
    n, classes = y_pred.shape
    allowed = f"expected integer class labels in [0, {classes}), shape ({n},)"
    labels = np.asarray(labels)
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"y_true of dtype {labels.dtype} is not allowed: {allowed}")
    if labels.shape != (n,):
        raise ValueError(f"y_true of shape {labels.shape} is not allowed: {allowed}")
    bad = np.flatnonzero((labels < 0) | (labels >= classes))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"y_true[{i}]={int(labels[i])} is not allowed: {allowed}")
