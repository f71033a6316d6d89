"""Identity (the linear activation).

Forward:   y = x
Backward:  dx = dy
"""
from __future__ import annotations

from reference.base import Module
from reference.registry import register


@register("activation", "identity")
class Identity(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return x.copy(), None

    def backward(self, dy, cache):
        return dy.copy(), {}
