"""Sign with two output values (McCulloch–Pitts / perceptron output).

Forward:   y = +1 if x > 0,  value_at_zero if x = 0,  −1 if x < 0      (−0 counts as 0)
Backward:  dx = 0 wherever the derivative exists; ``differentiable = False``, so the harness
           compares the forward pass only.

``value_at_zero`` defaults to +1, so the output is ±1. The mathematical sign (torch.sign,
tf.sign, np.sign) gives 0 at 0; ``value_at_zero=0`` reproduces it.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("activation", "sign")
class Sign(Module):
    differentiable = False

    def __init__(self, value_at_zero: float = 1.0):
        self.value_at_zero = validate.number("value_at_zero", value_at_zero)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.where(x == 0, self.value_at_zero, np.sign(x)).astype(x.dtype, copy=False), None

    def backward(self, dy, cache):
        return np.zeros_like(dy), {}
