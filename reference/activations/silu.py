"""SiLU / swish-1.

Forward:   y = x · σ(x)
Backward:  dx = dy · σ(x) · (1 + x σ(−x))          (σ(−x) = 1 − σ(x), without cancellation)
"""
from __future__ import annotations

import numpy as np

from reference.activations.sigmoid import sigmoid
from reference.base import Module
from reference.registry import register


@register("activation", "silu")
class SiLU(Module):
    @np.errstate(invalid="ignore")      # ±inf: the formula's ∞·0 is replaced by the limit below
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.where(np.isinf(x), np.maximum(x, 0), x * sigmoid(x)), x   # limits 0, +inf (−inf·0 at −inf)

    @np.errstate(invalid="ignore")
    def backward(self, dy, cache):
        x = cache
        slope = np.where(np.isinf(x), x > 0, sigmoid(x) * (1 + x * sigmoid(-x)))   # limits 0, 1 (0·∞ at ±inf)
        return dy * slope, {}
