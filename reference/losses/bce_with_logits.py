"""Binary cross-entropy on logits (sigmoid folded in), soft targets allowed.

Per element, z the logit and y ∈ [0, 1]:
    ℓ = max(z, 0) − z·y + log(1 + exp(−|z|))
    dℓ/dz = σ(z) − y
exp only ever sees −|z| ≤ 0, so ℓ stays finite and exact for |z| up to 1e4 and beyond.
Both are split at z = 0 so that no two large terms cancel. With e = exp(−|z|):
    ℓ     = z(1 − y) + log1p(e)              (z ≥ 0)      −z·y + log1p(e)           (z < 0)
    dℓ/dz = (1 − y) − e/(1 + e)              (z ≥ 0)      e/(1 + e) − y             (z < 0)
so a hard target in the saturated tail keeps its tiny true value (e.g. ℓ = 3.7e-44 and
dℓ/dz = −3.7e-44 at z = 100, y = 1) instead of a difference of two numbers near 1.
At z = ±inf the zero-weight product counts 0 (z = −inf, y = 0: ℓ = 0, the limit, not −inf·0);
NaN propagates.
"""
from __future__ import annotations

import numpy as np

from reference.activations.sigmoid import sigmoid
from reference.base import Loss
from reference.losses.checks import TARGETS
from reference.losses.numerics import xmul
from reference.registry import register


@register("loss", "bce_with_logits")
class BinaryCrossentropyWithLogits(Loss):
    target_domain = TARGETS

    def unreduced(self, y_pred, y_true):
        z, y = y_pred, y_true                    # (N, C)
        e = np.exp(-np.abs(z))
        linear = np.where(z >= 0, xmul(1 - y, z), -xmul(y, z))
        return linear + np.log1p(e), (z, y)

    def unreduced_backward(self, dvalues, cache):
        z, y = cache
        tail = sigmoid(-np.abs(z))                # σ(−|z|) = e/(1 + e), in the tail's accurate form
        return np.where(z >= 0, (1 - y) - tail, tail - y) * dvalues
