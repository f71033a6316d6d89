"""Gaussian error linear unit (Hendrycks & Gimpel 2016), exact or tanh-approximated.

approximate="none":
    Forward:   y = x Φ(x),            Φ(x) = ½ erfc(−x/√2)
    Backward:  dx = dy · (Φ(x) + x φ(x)),   φ(x) = e^{−x²/2} / √(2π)

approximate="tanh":
    u = √(2/π) (x + 0.044715 x³)
    Forward:   y = ½ x (1 + tanh u) = x σ(2u)
    Backward:  dx = dy · (σ(2u) + 2x σ(2u) σ(−2u) · √(2/π) (1 + 3·0.044715 x²))

erfc (not 1 + erf) and σ(2u) (not 1 + tanh u) keep the relative accuracy for x ≪ 0.
NumPy has no erf, so Φ is evaluated elementwise with ``math.erfc`` in float64; the whole
computation runs in float64 and the results are cast back to x's dtype.

Defaults: torch.nn.GELU(approximate="none") and keras.activations.gelu(approximate=False)
are exact; keras.ops.gelu defaults to approximate=True (see conformance/divergences/activations.py).
tf.nn.gelu rounds 1/√2 and 0.044715 through float32 also in float64: a tolerance override on the
float64 gelu cases, with the measured residual (conformance/cases/activations.py, tests/test_gelu.py).
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.activations.sigmoid import sigmoid
from reference.base import Module
from reference.registry import register

APPROXIMATIONS = ("none", "tanh")
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_COEFF = 0.044715
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


@register("activation", "gelu")
class GELU(Module):
    def __init__(self, approximate: str = "none"):
        self.approximate = validate.choice("approximate", approximate, APPROXIMATIONS)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        x64 = x.astype(np.float64)
        if self.approximate == "none":
            gate = 0.5 * _erfc(-x64 / math.sqrt(2))                       # Φ(x)
        else:
            gate = sigmoid(2 * _SQRT_2_OVER_PI * (x64 + _COEFF * x64**3))   # σ(2u)
        return (x64 * gate).astype(x.dtype), (x, gate)

    def backward(self, dy, cache):
        x, gate = cache
        x64 = x.astype(np.float64)
        if self.approximate == "none":
            slope = gate + x64 * np.exp(-0.5 * x64 * x64) / math.sqrt(2 * math.pi)
        else:
            u2 = 2 * _SQRT_2_OVER_PI * (x64 + _COEFF * x64**3)
            du2 = 2 * _SQRT_2_OVER_PI * (1 + 3 * _COEFF * x64 * x64)
            slope = gate + x64 * gate * sigmoid(-u2) * du2
        return (dy * slope).astype(dy.dtype), {}
