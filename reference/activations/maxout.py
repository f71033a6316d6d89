"""Maxout (Goodfellow et al., 2013): the max over ``pieces`` affine pieces per unit.

Forward:   z = x W + b                                   (..., units·pieces)
           y_u = max_k z[u·pieces + k],  k = 0 … pieces−1    (..., units)
Backward:  dz[u·pieces + k] = dy_u · [z[u·pieces + k] = y_u] / #ties_u
           dx = dz Wᵀ,   dW = xᵀ dz,   db = Σ dz   (summed over all leading axes)

Grouping (``reference.conventions.MAXOUT_GROUPING = "units_pieces"``): z is reshaped to
(..., units, pieces), so unit u takes the contiguous columns u·pieces … u·pieces + pieces − 1.
Tied maxima share the gradient equally, as torch ``amax`` and TensorFlow ``reduce_max`` do.

Shapes: x (..., in_features), W (in_features, units·pieces), b (units·pieces,), y (..., units).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.conventions import MAXOUT_GROUPING
from reference.registry import register

assert MAXOUT_GROUPING == "units_pieces"      # the reshape below implements exactly this grouping


@register("activation", "maxout")
class Maxout(Module):
    def __init__(self, in_features: int, units: int, pieces: int):
        self.in_features = validate.integer("in_features", in_features, low=1)
        self.units = validate.integer("units", units, low=1)
        self.pieces = validate.integer("pieces", pieces, low=1)

    def param_shapes(self, in_features):
        return {"W": (self.in_features, self.units * self.pieces), "b": (self.units * self.pieces,)}

    def output_features(self, in_features):
        return self.units

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        if x.shape[-1] != self.in_features:
            raise ValueError(f"input has {x.shape[-1]} features: expected in_features={self.in_features}")
        W, b = params["W"], params["b"]
        z = (x @ W + b).reshape(x.shape[:-1] + (self.units, self.pieces))   # (..., units, pieces)
        y = z.max(axis=-1)                                                   # (..., units)
        winners = (z == y[..., None]).astype(x.dtype)                        # (..., units, pieces)
        share = winners / winners.sum(axis=-1, keepdims=True)
        return y, (x, W, share)

    def backward(self, dy, cache):
        x, W, share = cache
        dz = (dy[..., None] * share).reshape(x.shape[:-1] + (-1,))          # (..., units·pieces)
        x2, dz2 = x.reshape(-1, x.shape[-1]), dz.reshape(-1, dz.shape[-1])  # leading axes flattened
        return dz @ W.T, {"W": x2.T @ dz2, "b": dz2.sum(axis=0)}
