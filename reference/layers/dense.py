"""Dense (fully connected) layer.

Forward:   y = x W + b
Backward:  dx = dy Wᵀ,   dW = xᵀ dy,   db = Σ_n dy

Shapes: x (N, in), W (in, out), b (out,), y (N, out).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("layer", "dense")
class Dense(Module):
    def __init__(self, in_features: int, units: int, use_bias: bool = True):
        self.in_features = validate.integer("in_features", in_features, low=1)
        self.units = validate.integer("units", units, low=1)
        self.use_bias = validate.flag("use_bias", use_bias)

    def param_shapes(self, in_features):
        shapes = {"W": (self.in_features, self.units)}
        if self.use_bias:
            shapes["b"] = (self.units,)
        return shapes

    def output_features(self, in_features):
        return self.units

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        y = x @ params["W"]                      # (N, out)
        if self.use_bias:
            y = y + params["b"]
        return y, (x, params["W"])

    def backward(self, dy, cache):
        x, W = cache
        grads = {"W": x.T @ dy}                  # (in, out)
        if self.use_bias:
            grads["b"] = dy.sum(axis=0)          # (out,)
        return dy @ W.T, grads                   # dx: (N, in)
