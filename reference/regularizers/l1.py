"""L1 penalty.

    value = l1 · Σ |W|
    ∂value/∂W = l1 · sign(W)        (0 at W = 0, as in torch and Keras autograd)
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.registry import register
from reference.regularizers.base import Penalty


@register("regularizer", "l1")
class L1(Penalty):
    def __init__(self, l1: float = 0.01):
        self.l1 = validate.number("l1", l1, low=0.0)

    def forward(self, W):
        validate.array("W", W)
        return np.asarray(self.l1 * np.abs(W).sum(), dtype=W.dtype), W

    def backward(self, dvalue, cache):
        W = cache
        return (np.asarray(dvalue, dtype=W.dtype) * self.l1 * np.sign(W)).astype(W.dtype)
