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



def difference(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    """ŷ − y, NaN without a warning where both are the same infinity (inf − inf has no limit)."""
    with np.errstate(invalid="ignore"):
        return y_pred - y_true


def xmul(w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """w·v, and 0 where w = 0: a term with zero weight counts 0 even where v is infinite
    (bce_with_logits at z = −inf, y = 0; a −inf log-probability at a class with target 0)."""
    with np.errstate(invalid="ignore"):
        return np.where(w == 0, 0.0, w * v).astype(w.dtype, copy=False)


def sum_of_others(a: np.ndarray) -> np.ndarray:
    """Σ_{j≠c} a_j for every c along the last axis, for a ≥ 0, each to a few ulps.

    total − a_c is accurate wherever a_c ≤ total/2; at the row's largest entry it can cancel
    (a softmax's 1 − p_k for p_k ≈ 1 rounds to 0), so there the other entries are summed.
    """
    total = a.sum(axis=-1, keepdims=True)                                   # (N, 1)
    out = total - a                                                         # (N, C)
    k = np.argmax(a, axis=-1, keepdims=True)                                # (N, 1)
    np.put_along_axis(out, k, sum_of_others_at(a, k), axis=-1)
    return out


def sum_of_others_at(a: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Σ_{j≠k_n} a_{n,j}: each row summed without its entry k_n (``k``: (N, 1) indices along the last
    axis), by adding the others, never by subtracting a_k from the total (no cancellation). (N, 1)."""
    others = a.copy()
    np.put_along_axis(others, k, 0, axis=-1)
    return others.sum(axis=-1, keepdims=True)
