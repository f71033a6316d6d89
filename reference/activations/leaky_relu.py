"""Leaky rectified linear unit.

Forward:   y = x if x > 0,  negative_slope · x otherwise
Backward:  dx = dy if x > 0,  negative_slope · dy otherwise
           (at x = 0 the gradient is negative_slope, as in torch and Keras; NaN at x = NaN)

The argument is called ``negative_slope`` as in torch.nn.LeakyReLU and keras.layers.LeakyReLU
(Keras 2 called it ``alpha``). Default 0.01, as torch; the Keras layer defaults to 0.3 and
keras.activations.leaky_relu to 0.2 (see conformance/divergences/activations.py).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.nonfinite import nan_at_nan
from reference.base import Module
from reference.registry import register


@register("activation", "leaky_relu")
class LeakyReLU(Module):
    def __init__(self, negative_slope: float = 0.01):
        self.negative_slope = validate.number("negative_slope", negative_slope)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.where(x > 0, x, self.negative_slope * x), x

    def backward(self, dy, cache):
        x = cache
        return nan_at_nan(x, np.where(x > 0, dy, self.negative_slope * dy)), {}
