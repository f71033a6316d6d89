"""Heaviside step (threshold unit).

Forward:   y = 1 if x > 0,  value_at_zero if x = 0,  0 if x < 0      (−0 counts as 0)
Backward:  dx = 0 wherever the derivative exists; ``differentiable = False``, so the harness
           compares the forward pass only.

``value_at_zero`` defaults to 1: the McCulloch–Pitts / perceptron unit fires when x ≥ 0, and
then sign = 2·step − 1 with the same convention at 0. torch.heaviside and keras.ops.heaviside
have no default for it (their second argument is required).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("activation", "step")
class Step(Module):
    differentiable = False

    def __init__(self, value_at_zero: float = 1.0):
        self.value_at_zero = validate.number("value_at_zero", value_at_zero)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        # A Python float is a weak scalar (NEP 50): the output keeps x's dtype.
        return np.heaviside(x, self.value_at_zero), None

    def backward(self, dy, cache):
        return np.zeros_like(dy), {}
