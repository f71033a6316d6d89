"""SiLU / swish-1.

Forward:   y = x · σ(x)
Backward:  dx = dy · σ(x) · (1 + x σ(−x))          (σ(−x) = 1 − σ(x), without cancellation)
"""
from __future__ import annotations

from reference.activations.sigmoid import sigmoid
from reference.base import Module
from reference.registry import register


@register("activation", "silu")
class SiLU(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        return x * sigmoid(x), x

    def backward(self, dy, cache):
        x = cache
        return dy * (sigmoid(x) * (1 + x * sigmoid(-x))), {}
