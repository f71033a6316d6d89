"""L2 penalty (no ½).

    value = l2 · Σ W²
    ∂value/∂W = 2 · l2 · W

Coupled weight decay: an optimizer that adds wd·W to the gradient (torch SGD ``weight_decay``)
follows the gradient of (wd/2)·ΣW², so this penalty is coupled decay with wd = 2·l2
(``weight_decay_for``, the one place that factor is written). For plain SGD, decoupled decay
(W ← W − lr·wd·W before the step, as Keras SGD ``weight_decay`` does) gives the same update;
with momentum or adaptive optimizers it does not.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.registry import register
from reference.regularizers.base import Penalty


def weight_decay_for(l2: float) -> float:
    """The SGD weight decay wd that equals this penalty: wd = 2·l2."""
    return 2.0 * l2


@register("regularizer", "l2")
class L2(Penalty):
    def __init__(self, l2: float = 0.01):
        self.l2 = validate.number("l2", l2, low=0.0)

    def forward(self, W):
        validate.array("W", W)
        return np.asarray(self.l2 * np.square(W).sum(), dtype=W.dtype), W

    def backward(self, dvalue, cache):
        W = cache
        return (np.asarray(dvalue, dtype=W.dtype) * (2 * self.l2) * W).astype(W.dtype)
