"""Dense (fully connected) layer, applied along the last axis.

Forward:   y = x W + b
Backward:  dx = dy Wᵀ,   dW = xᵀ dy,   db = Σ_n dy = 1ᵀ dy
           (dW and db sum over every leading axis: x and dy are flattened to (N·…, ·) first)
           db is computed as 1ᵀ dy, one BLAS matrix-vector product: about twice as fast as dy.sum(axis=0)
           on a (2048, 256) gradient and no less accurate (README, "The reference's speed").
           ``backward(dy, cache, input_grad=False)`` skips dx (None): a model's first layer needs no
           gradient for its data, and dx is a third of that layer's work (torch skips it too for an
           input that does not require grad).

Shapes: x (..., in), W (in, out), b (out,), y (..., out); the leading axes are batch axes.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("layer", "dense")
class Dense(Module):
    skips_input_grad = True

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
        self.check_forward(x, params)
        if x.shape[-1] != self.in_features:
            raise ValueError(f"input of shape {x.shape} has {x.shape[-1]} features on its last axis: "
                             f"expected in_features={self.in_features}")
        y = x @ params["W"]                      # (..., out)
        if self.use_bias:
            y += params["b"]                     # into the fresh product: no second (..., out) array
        return y, (x, params["W"])

    def backward(self, dy, cache, *, input_grad=True):
        x, W = cache
        self.check_backward(dy, x.shape[:-1] + (self.units,), x.dtype)
        x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, dy.shape[-1])   # (N·…, in), (N·…, out)
        grads = {"W": x2.T @ dy2}                # (in, out)
        if self.use_bias:
            grads["b"] = np.ones(len(dy2), dy2.dtype) @ dy2     # (out,) Σ_n dy = 1ᵀ dy
        return (dy @ W.T if input_grad else None), grads   # dx: (..., in)
