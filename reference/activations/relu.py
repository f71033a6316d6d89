"""Rectified linear unit.

Forward:   y = max(x, 0)
Backward:  dx = dy · [x > 0]        (the gradient at x = 0 is taken as 0, as in both frameworks)

max(x, 0) rather than x·[x > 0]: the product is NaN at x = −inf (−inf·0), the max is the true 0.
NaN propagates to the output and the gradient (reference/activations/nonfinite.py).
"""
from __future__ import annotations

import numpy as np

from reference.activations.nonfinite import nan_at_nan
from reference.base import Module
from reference.registry import register


@register("activation", "relu")
class ReLU(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.maximum(x, 0), x

    def backward(self, dy, cache):
        x = cache
        return nan_at_nan(x, dy * (x > 0)), {}
