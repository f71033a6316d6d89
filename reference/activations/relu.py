"""Rectified linear unit.

Forward:   y = max(x, 0)
Backward:  dx = dy · [x > 0] = dy · sign(y)   (the gradient at x = 0 is taken as 0, as in both frameworks;
           y = max(x, 0) ≥ 0, so sign(y) is the step [x > 0], and NaN where x is NaN)

max(x, 0) rather than x·[x > 0]: the product is NaN at x = −inf (−inf·0), the max is the true 0.
NaN propagates to the output and the gradient (reference/activations/nonfinite.py).
"""
from __future__ import annotations

import numpy as np

from reference.base import Module
from reference.registry import register


@register("activation", "relu")
class ReLU(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        y = np.maximum(x, 0)
        return y, y

    def backward(self, dy, cache):
        y = cache                                 # the output: its sign is the derivative, NaN included
        return dy * np.sign(y), {}
