"""Gaussian dropout (Srivastava et al., 2014, §10): multiplicative noise with dropout's mean and
variance, a regularizer active in training only.

Training:    ε ~ N(1, p / (1 − p)), one per element (the ``noise``: the factor ε, x's shape)
Forward:     y = x · ε
Backward:    dx = dy · ε
Evaluation:  y = x,  dx = dy

Shapes: x, ε, y (N, ..., F). p lies in [0, 1) (the variance is infinite at 1). The standard
deviation √(p / (1 − p)) is that of inverted Bernoulli dropout's factor m / (1 − p). Keras's
``GaussianDropout(rate)``; torch has no such layer (torch_impl composes it with
``torch.randn_like``). The harness reads a framework's ε back exactly from a run on an input of
ones, where y = 1 · ε = ε.
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.base import Module
from reference.layers.gaussian_noise import check_float_noise, noise_of_input
from reference.registry import register


@register("layer", "gaussian_dropout")
class GaussianDropout(Module):
    random = True

    def __init__(self, p: float):
        self.p = validate.number("p", p, low=0, high=1, high_open=True)

    @property
    def stddev(self) -> float:
        return math.sqrt(self.p / (1 - self.p))

    def draw_noise(self, rng, shape):
        return 1 + self.stddev * rng.standard_normal(shape)             # (N, ..., F)

    def check_noise(self, noise):
        check_float_noise(noise, "multiplicative factors")
        if self.p == 0 and np.any(noise != 1):
            raise ValueError("noise is not one at p=0")

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if not training:
            return x.copy(), (None, x.shape, x.dtype)
        if noise is None:
            if rng is None:
                raise ValueError("training=True needs rng (to draw the factors) or noise (the factors)")
            noise = self.draw_noise(rng, x.shape)
        eps = noise_of_input(x, noise)                                   # (N, ..., F)
        return x * eps, (eps, x.shape, x.dtype)

    def backward(self, dy, cache):
        eps, shape, dtype = cache
        self.check_backward(dy, shape, dtype)
        return (dy.copy() if eps is None else dy * eps), {}
