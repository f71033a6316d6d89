"""Softmax along one axis.

Forward:   y_i = exp(x_i − m) / Σ_j exp(x_j − m),   m = max_j x_j   (sums and max along ``axis``)
Backward:  dx_i = y_i · (dy_i − Σ_j dy_j · y_j)

Subtracting the max keeps every exponent ≤ 0, so the result is finite for any finite input
(|x| up to 1e4 and beyond); the largest entry has exp(0) = 1, so the sum is ≥ 1.
Non-finite inputs (reference/activations/nonfinite.py): a row with one +inf gives the one-hot
limit; a row with a NaN, two +inf or only −inf has no limit and gives NaN.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


def check_axis(axis: int, shape: tuple[int, ...]) -> None:
    """``axis`` is an axis of an input of ``shape``, with at least one entry along it."""
    ndim = len(shape)
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis={axis} is not allowed for an input with {ndim} dimensions: "
                         f"expected an integer in [{-ndim}, {ndim - 1}]")
    if shape[axis] == 0:
        raise ValueError(f"x has shape {shape}: expected at least one entry along axis={axis} "
                         "(a softmax over zero entries is undefined)")


def shift_by_max(x: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """(z, rest): z = x − m along ``axis`` with the row's first maximum k at exactly 0, and
    rest = Σ_{j≠k} exp(z_j), the sum of the exponentials without the max's exp(0) = 1.

    Σ_j exp(z_j) = 1 + rest, and log1p(rest) keeps the relative accuracy that log(1 + rest)
    loses when rest ≪ 1 (a confident row: rest = e^-40 rounds away against 1). At a +inf
    maximum z is 0 there and −inf elsewhere (x − m would be inf − inf); a row with a NaN, tied
    +inf maxima or only −inf entries gets z and rest NaN: its softmax has no limit.
    """
    k = np.argmax(x, axis=axis, keepdims=True)                     # (..., 1, ...) a NaN's index if any
    m = np.take_along_axis(x, k, axis=axis)
    infinite = np.isinf(m)                                          # (..., 1, ...)
    any_infinite = infinite.any()                                   # rare: only then the passes below
    if any_infinite:
        with np.errstate(invalid="ignore"):
            z = np.where(x == m, 0, x - m)                          # inf − inf: an infinite max is 0 too
    else:
        z = x - m                                                   # like x, entries ≤ 0, 0 at the max
    e = np.exp(z)
    np.put_along_axis(e, k, 0, axis=axis)
    rest = e.sum(axis=axis, keepdims=True)                          # (..., 1, ...)
    if any_infinite:
        no_limit = infinite & ((x == m).sum(axis=axis, keepdims=True) > 1)
        z, rest = np.where(no_limit, np.nan, z), np.where(no_limit, np.nan, rest)
    return z, rest


@register("activation", "softmax")
class Softmax(Module):
    def __init__(self, axis: int = -1):
        self.axis = validate.integer("axis", axis)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        check_axis(self.axis, x.shape)
        z, rest = shift_by_max(x, self.axis)
        y = np.exp(z) / (1 + rest)                                 # like x, entries in [0, 1]
        return y, y

    def backward(self, dy, cache):
        y = cache
        self.check_backward(dy, y.shape, y.dtype)
        return y * (dy - (dy * y).sum(axis=self.axis, keepdims=True)), {}
