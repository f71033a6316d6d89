"""Softplus.

Forward:   y = log(1 + e^{βx}) / β = (max(βx, 0) + log1p(e^{−|βx|})) / β
Backward:  dx = dy · σ(βx)

The second form never overflows and is accurate for every x; there is no threshold.
torch.nn.Softplus switches to y = x above βx > threshold (20 by default), which is off by
up to 2e-9 in float64 just above it (see conformance/divergences/activations.py).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.sigmoid import sigmoid
from reference.base import Module
from reference.registry import register


@register("activation", "softplus")
class Softplus(Module):
    def __init__(self, beta: float = 1.0):
        self.beta = validate.number("beta", beta, low=0, low_open=True)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        z = self.beta * x
        return (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))) / self.beta, z

    def backward(self, dy, cache):
        z = cache
        return dy * sigmoid(z), {}
