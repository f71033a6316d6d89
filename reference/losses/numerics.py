"""Numerically stable pieces shared by the reference losses (NumPy only).

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


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax over the last axis, shifted by the row max so exp never overflows."""
    shifted = z - z.max(axis=-1, keepdims=True)                          # (N, C), max 0
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
