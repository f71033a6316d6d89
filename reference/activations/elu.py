"""Exponential linear unit.

Forward:   y = x if x > 0,  α (e^{x} − 1) otherwise
Backward:  dx = dy if x > 0,  dy · α e^{x} otherwise
           (at x = 0 the gradient is α, the left-hand slope, as in torch and Keras)

e^{x} − 1 is computed with expm1, exact for tiny |x|; exp is only taken of min(x, 0), so
nothing overflows for large positive x.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("activation", "elu")
class ELU(Module):
    def __init__(self, alpha: float = 1.0):
        self.alpha = validate.number("alpha", alpha)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0))), x

    def backward(self, dy, cache):
        x = cache
        return np.where(x > 0, dy, dy * (self.alpha * np.exp(np.minimum(x, 0)))), {}
