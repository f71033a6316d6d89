"""Hard tanh: clip to [min_val, max_val].

Forward:   y = min(max(x, min_val), max_val)
Backward:  dx = dy if min_val < x < max_val, 0 otherwise
           (0 at x = min_val and x = max_val: the flat side, as torch.nn.Hardtanh, relu'(0)
           and hard_sigmoid in both frameworks; tf.clip_by_value passes the gradient there,
           see conformance/divergences/activations.py)
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


@register("activation", "hard_tanh")
class HardTanh(Module):
    def __init__(self, min_val: float = -1.0, max_val: float = 1.0):
        self.min_val = validate.number("min_val", min_val)
        self.max_val = validate.number("max_val", max_val, low=self.min_val, low_open=True)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        return np.clip(x, self.min_val, self.max_val), x

    def backward(self, dy, cache):
        x = cache
        return np.where((x > self.min_val) & (x < self.max_val), dy, 0), {}
