"""Mean squared error.

Per element:  ℓ = (ŷ − y)²,          dℓ/dŷ = 2 (ŷ − y)
Reduction over all N·C elements (see ``reference.conventions.REDUCTIONS``).
"""
from __future__ import annotations

from reference.base import Loss
from reference.losses.numerics import difference
from reference.registry import register


@register("loss", "mse")
class MeanSquaredError(Loss):
    def unreduced(self, y_pred, y_true):
        diff = difference(y_pred, y_true)       # (N, C)
        return diff * diff, diff

    def unreduced_backward(self, dvalues, cache):
        diff = cache
        return 2 * diff * dvalues
