"""Softmax along one axis.

Forward:   y_i = exp(x_i − m) / Σ_j exp(x_j − m),   m = max_j x_j   (sums and max along ``axis``)
Backward:  dx_i = y_i · (dy_i − Σ_j dy_j · y_j)

Subtracting the max keeps every exponent ≤ 0, so the result is finite for any finite input
(|x| up to 1e4 and beyond); the largest entry has exp(0) = 1, so the sum is ≥ 1.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


def check_axis(axis: int, ndim: int) -> None:
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis={axis} is not allowed for an input with {ndim} dimensions: "
                         f"expected an integer in [{-ndim}, {ndim - 1}]")


@register("activation", "softmax")
class Softmax(Module):
    def __init__(self, axis: int = -1):
        self.axis = validate.integer("axis", axis)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        check_axis(self.axis, x.ndim)
        e = np.exp(x - x.max(axis=self.axis, keepdims=True))       # like x, entries in (0, 1]
        y = e / e.sum(axis=self.axis, keepdims=True)
        return y, y

    def backward(self, dy, cache):
        y = cache
        return y * (dy - (dy * y).sum(axis=self.axis, keepdims=True)), {}
