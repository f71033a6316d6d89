"""L1 + L2 penalty.

    value = l1 · Σ |W| + l2 · Σ W²
    ∂value/∂W = l1 · sign(W) + 2 · l2 · W
Defaults l1 = l2 = 0.01 (Keras's string "l1_l2" uses these; its ``L1L2`` class defaults to 0, 0).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.registry import register
from reference.regularizers.base import Penalty


@register("regularizer", "l1_l2")
class L1L2(Penalty):
    def __init__(self, l1: float = 0.01, l2: float = 0.01):
        self.l1 = validate.number("l1", l1, low=0.0)
        self.l2 = validate.number("l2", l2, low=0.0)

    def forward(self, W):
        validate.array("W", W)
        return np.asarray(self.l1 * np.abs(W).sum() + self.l2 * np.square(W).sum(), dtype=W.dtype), W

    def backward(self, dvalue, cache):
        W = cache
        d = np.asarray(dvalue, dtype=W.dtype)
        return (d * (self.l1 * np.sign(W) + (2 * self.l2) * W)).astype(W.dtype)
