"""Logistic sigmoid.

Forward:   y = σ(x) = 1 / (1 + e^{−x})
Backward:  dx = dy · σ(x) · σ(−x)            (= y(1 − y), without the cancellation in 1 − y)

``grad_from_output=True``: dx = dy · y · (1 − y) from the rounded output y, as torch (sigmoid_backward) and
TensorFlow (SigmoidGrad) compute it. Near saturation (x ≳ 9 in float32, ≳ 20 in float64) 1 − y keeps only
the digits y has left: the derivative's relative error grows like e^{x}·u (conformance/divergences/
activations.py; a saturated model shows it in every gradient behind the sigmoid).

Stable for any |x|: exp is only taken of −|x|, so nothing overflows; for x < 0 the form
e^{x} / (1 + e^{x}) keeps full relative accuracy down to the underflow of e^{x}.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) in x's dtype, without overflow."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@register("activation", "sigmoid")
class Sigmoid(Module):
    def __init__(self, grad_from_output: bool = False):
        self.grad_from_output = validate.flag("grad_from_output", grad_from_output)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return sigmoid(x), x

    def backward(self, dy, cache):
        x = cache
        if self.grad_from_output:
            y = sigmoid(x)
            return dy * (y * (1 - y)), {}
        return dy * sigmoid(x) * sigmoid(-x), {}
