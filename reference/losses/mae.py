"""Mean absolute error.

Per element:  ℓ = |ŷ − y|,           dℓ/dŷ = sign(ŷ − y)
The gradient at ŷ = y is taken as sign(0) = 0, as in torch (L1Loss) and TensorFlow (Abs).
"""
from __future__ import annotations

import numpy as np

from reference.base import Loss
from reference.losses.numerics import difference
from reference.registry import register


@register("loss", "mae")
class MeanAbsoluteError(Loss):
    def unreduced(self, y_pred, y_true):
        diff = difference(y_pred, y_true)       # (N, C)
        return np.abs(diff), diff

    def unreduced_backward(self, dvalues, cache):
        diff = cache
        return np.sign(diff) * dvalues
