"""Maxout (Goodfellow et al., 2013): the max over ``pieces`` affine pieces per unit.

Forward:   z = x W + b                                   (..., units·pieces), a Dense layer
           y_u = max_k z[u·pieces + k],  k = 0 … pieces−1    (..., units)
Backward:  dz[u·pieces + k] = dy_u · [z[u·pieces + k] = y_u] / #ties_u
           dx, dW, db from Dense's backward on dz

Grouping (``reference.conventions.MAXOUT_GROUPING = "units_pieces"``): z is reshaped to
(..., units, pieces), so unit u takes the contiguous columns u·pieces … u·pieces + pieces − 1.
Tied maxima share the gradient equally, as torch ``amax`` and TensorFlow ``reduce_max`` do.

Shapes: x (..., in_features), W (in_features, units·pieces), b (units·pieces,), y (..., units).
"""
from __future__ import annotations

from reference import validate
from reference.base import Module
from reference.conventions import MAXOUT_GROUPING
from reference.layers.dense import Dense
from reference.registry import register

assert MAXOUT_GROUPING == "units_pieces"      # the reshape below implements exactly this grouping


@register("activation", "maxout")
class Maxout(Module):
    def __init__(self, in_features: int, units: int, pieces: int):
        self.in_features = validate.integer("in_features", in_features, low=1)
        self.units = validate.integer("units", units, low=1)
        self.pieces = validate.integer("pieces", pieces, low=1)
        self.affine = Dense(in_features, units * pieces)           # W, b: the parameters' names

    def param_shapes(self, in_features):
        return self.affine.param_shapes(in_features)

    def output_features(self, in_features):
        return self.units

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)                                        # and Dense checks in_features
        z, affine_cache = self.affine.forward(x, params)                     # (..., units·pieces)
        z = z.reshape(x.shape[:-1] + (self.units, self.pieces))              # (..., units, pieces)
        y = z.max(axis=-1)                                                   # (..., units)
        winners = (z == y[..., None]).astype(x.dtype)                        # (..., units, pieces)
        share = winners / winners.sum(axis=-1, keepdims=True)
        return y, (affine_cache, share)

    def backward(self, dy, cache):
        affine_cache, share = cache
        self.check_backward(dy, share.shape[:-1], share.dtype)
        dz = dy[..., None] * share                                           # (..., units, pieces)
        return self.affine.backward(dz.reshape(dz.shape[:-2] + (-1,)), affine_cache)
