"""Gaussian error linear unit (Hendrycks & Gimpel 2016), exact or tanh-approximated.

approximate="none":
    Forward:   y = x Φ(x),            Φ(x) = ½ erfc(−x/√2)
    Backward:  dx = dy · (Φ(x) + x φ(x)),   φ(x) = e^{−x²/2} / √(2π)

approximate="tanh":
    u = √(2/π) (x + 0.044715 x³)
    Forward:   y = ½ x (1 + tanh u) = x σ(2u)
    Backward:  dx = dy · (σ(2u) + 2x σ(2u) σ(−2u) · √(2/π) (1 + 3·0.044715 x²))

With the exact form written y = ½ x erfc(−c·x), c = 1/√2, the backward is dy · (Φ(x) + x·c·e^{−c²x²}/√π),
the same formula for any c: ``constants="float32"`` uses c = f32(1/√2) and, in the tanh form,
0.044715 rounded to float32, which is what tf.nn.gelu computes in every dtype (it casts both
Python floats through float32: tensorflow/python/ops/nn_ops.py:3747, :3756). The Keras
divergence record maps it; its native run measures the rounding (conformance/divergences/activations.py).

erfc (not 1 + erf) and σ(2u) (not 1 + tanh u) keep the relative accuracy for x ≪ 0.
NumPy has no erf, so Φ is evaluated elementwise with ``math.erfc`` in float64; the whole
computation runs in float64 and the results are cast back to x's dtype.

Defaults: torch.nn.GELU(approximate="none") and keras.activations.gelu(approximate=False)
are exact; keras.ops.gelu defaults to approximate=True (see conformance/divergences/activations.py).
"""
from __future__ import annotations

import math

import numpy as np

from reference import validate
from reference.activations.sigmoid import sigmoid
from reference.base import Module
from reference.registry import register

APPROXIMATIONS = ("none", "tanh")
CONSTANTS = ("exact", "float32")
_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_COEFF = 0.044715
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


@register("activation", "gelu")
class GELU(Module):
    def __init__(self, approximate: str = "none", constants: str = "exact"):
        self.approximate = validate.choice("approximate", approximate, APPROXIMATIONS)
        self.constants = validate.choice("constants", constants, CONSTANTS)
        rounded = (lambda c: float(np.float32(c))) if constants == "float32" else float
        self.c = rounded(1 / math.sqrt(2))          # Φ(x) = ½ erfc(−c·x)
        self.coeff = rounded(_COEFF)

    @np.errstate(invalid="ignore")      # ±inf: the formula's ∞·0 is replaced by the limit below
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        x64 = x.astype(np.float64)
        if self.approximate == "none":
            gate = 0.5 * _erfc(-x64 * self.c)                                  # Φ(x)
        else:
            gate = sigmoid(2 * _SQRT_2_OVER_PI * (x64 + self.coeff * x64**3))   # σ(2u)
        y = np.where(np.isinf(x64), np.maximum(x64, 0), x64 * gate)   # limits 0, +inf (x·Φ(x) is −inf·0 at −inf)
        return y.astype(x.dtype), (x, gate)

    @np.errstate(invalid="ignore")
    def backward(self, dy, cache):
        x, gate = cache
        x64 = x.astype(np.float64)
        if self.approximate == "none":
            cx = self.c * x64
            slope = gate + x64 * self.c * np.exp(-cx * cx) / math.sqrt(math.pi)
        else:
            u2 = 2 * _SQRT_2_OVER_PI * (x64 + self.coeff * x64**3)
            du2 = 2 * _SQRT_2_OVER_PI * (1 + 3 * self.coeff * x64 * x64)
            slope = gate + x64 * gate * sigmoid(-u2) * du2
        slope = np.where(np.isinf(x64), x64 > 0, slope)                 # limits 0, 1 (the formulas give ∞·0)
        return (dy * slope).astype(dy.dtype), {}
