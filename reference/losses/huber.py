"""Huber loss with threshold delta (δ > 0).

Per element, e = ŷ − y:
    ℓ = ½ e²               if |e| ≤ δ
        δ (|e| − ½ δ)      otherwise
    dℓ/dŷ = clip(e, −δ, δ)
ℓ is continuously differentiable: both branches give ½δ² and slope ±δ at |e| = δ.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Loss
from reference.losses.numerics import difference
from reference.registry import register


@register("loss", "huber")
class Huber(Loss):
    def __init__(self, reduction: str = "mean", delta: float = 1.0):
        super().__init__(reduction)
        self.delta = validate.number("delta", delta, low=0.0, low_open=True)

    def unreduced(self, y_pred, y_true):
        d = self.delta
        e = difference(y_pred, y_true)          # (N, C)
        a = np.abs(e)
        return np.where(a <= d, 0.5 * e * e, d * (a - 0.5 * d)), e

    def unreduced_backward(self, dvalues, cache):
        e = cache
        return np.clip(e, -self.delta, self.delta) * dvalues
