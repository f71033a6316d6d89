"""Scaled exponential linear unit (Klambauer et al. 2017).

Forward:   y = λ x if x > 0,  λ α (e^{x} − 1) otherwise
Backward:  dx = λ dy if x > 0,  dy · λ α e^{x} otherwise
           (at x = 0 the gradient is λα, the left-hand slope, as torch and as ELU in both
           frameworks; tf.nn.selu takes λ there, see conformance/divergences/activations.py)

with α = 1.6732632423543772848170429916717 and λ = 1.0507009873554804934193349852946,
the constants of torch.nn.SELU and tf.nn.selu.
"""
from __future__ import annotations

import numpy as np

from reference.base import Module
from reference.registry import register

ALPHA = 1.6732632423543772848170429916717
SCALE = 1.0507009873554804934193349852946


@register("activation", "selu")
class SELU(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        return np.where(x > 0, SCALE * x, (SCALE * ALPHA) * np.expm1(np.minimum(x, 0))), x

    def backward(self, dy, cache):
        x = cache
        return np.where(x > 0, SCALE * dy, dy * ((SCALE * ALPHA) * np.exp(np.minimum(x, 0)))), {}
