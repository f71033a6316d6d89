"""Half sum of squared errors.

Per element:  ℓ = ½ (ŷ − y)²,        dℓ/dŷ = ŷ − y
The default reduction is "sum", so ``half_sse()`` is the classic ½ Σ (y − ŷ)² its name says;
"mean" and "none" are available as for every loss (``reference.conventions.REDUCTIONS``).
"""
from __future__ import annotations

from reference.base import Loss
from reference.losses.numerics import difference
from reference.registry import register


@register("loss", "half_sse")
class HalfSumSquaredError(Loss):
    def __init__(self, reduction: str = "sum"):
        super().__init__(reduction)

    def unreduced(self, y_pred, y_true):
        diff = difference(y_pred, y_true)       # (N, C)
        return 0.5 * diff * diff, diff

    def unreduced_backward(self, dvalues, cache):
        diff = cache
        return diff * dvalues
