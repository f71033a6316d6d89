"""Log-softmax along one axis, by the log-sum-exp trick.

Forward:   y_i = (x_i − m) − log Σ_j exp(x_j − m),   m = max_j x_j   (along ``axis``)
Backward:  dx_i = dy_i − exp(y_i) · Σ_j dy_j

The sum inside the log is ≥ 1 (the max term is exp(0)), so the log never sees 0 and the
result is finite for any finite input, including |x| up to 1e4 where exp(x) overflows.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.softmax import check_axis
from reference.base import Module
from reference.registry import register


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax of ``x`` along ``axis``, in x's dtype, finite for any finite x (also used by
    the cross-entropy losses on logits)."""
    z = x - x.max(axis=axis, keepdims=True)                    # like x, entries ≤ 0
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


@register("activation", "log_softmax")
class LogSoftmax(Module):
    def __init__(self, axis: int = -1):
        self.axis = validate.integer("axis", axis)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        check_axis(self.axis, x.ndim)
        y = log_softmax(x, self.axis)
        return y, y

    def backward(self, dy, cache):
        y = cache
        return dy - np.exp(y) * dy.sum(axis=self.axis, keepdims=True), {}
