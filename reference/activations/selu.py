"""Scaled exponential linear unit (Klambauer et al. 2017).

Forward:   y = λ x if x > 0,  λ α (e^{x} − 1) otherwise
Backward:  dx = λ dy if x > 0,  dy · λ α e^{x} if x < 0
           at x = 0 (the kink, for α ≠ 1) one of the one-sided derivatives, chosen by
           ``grad_at_zero``:
             "left"  (default): λα, the slope of the x < 0 branch, as torch.nn.SELU
                     (and ELU in both frameworks);
             "right": λ, the slope of the x > 0 branch, as tf.nn.selu, whose SeluGrad
                     tests outputs < 0 (the Keras comparison selects it,
                     conformance/divergences/activations.py).

with α = 1.6732632423543772848170429916717 and λ = 1.0507009873554804934193349852946,
the constants of torch.nn.SELU and tf.nn.selu.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register

ALPHA = 1.6732632423543772848170429916717
SCALE = 1.0507009873554804934193349852946
GRAD_AT_ZERO = ("left", "right")


@register("activation", "selu")
class SELU(Module):
    def __init__(self, grad_at_zero: str = "left"):
        self.grad_at_zero = validate.choice("grad_at_zero", grad_at_zero, GRAD_AT_ZERO)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.where(x > 0, SCALE * x, (SCALE * ALPHA) * np.expm1(np.minimum(x, 0))), x

    def backward(self, dy, cache):
        x = cache
        positive_branch = x > 0 if self.grad_at_zero == "left" else x >= 0
        return np.where(positive_branch, SCALE * dy, dy * ((SCALE * ALPHA) * np.exp(np.minimum(x, 0)))), {}
