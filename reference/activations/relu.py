"""Rectified linear unit.

Forward:   y = max(x, 0)
Backward:  dx = dy · [x > 0]        (the gradient at x = 0 is taken as 0, as in both frameworks)
"""
from __future__ import annotations

from reference.base import Module
from reference.registry import register


@register("activation", "relu")
class ReLU(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        return x * (x > 0), x

    def backward(self, dy, cache):
        x = cache
        return dy * (x > 0), {}
