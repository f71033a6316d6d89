"""Absolute-value rectification.

Forward:   y = |x|
Backward:  dx = dy · sign(x)        (0 at x = 0, as torch.abs and tf.abs)
"""
from __future__ import annotations

import numpy as np

from reference.base import Module
from reference.registry import register


@register("activation", "abs")
class Abs(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.abs(x), x

    def backward(self, dy, cache):
        x = cache
        return dy * np.sign(x), {}
