"""Hard tanh: clip to [min_val, max_val].

Forward:   y = min(max(x, min_val), max_val)
Backward:  dx = dy                     if min_val < x < max_val
           dx = grad_at_bounds · dy    if x == min_val or x == max_val
           dx = 0                      otherwise (NaN at x = NaN)

The derivative does not exist at the bounds: from inside it is 1, from outside 0. Each
framework picks one, so the reference offers both as ``grad_at_bounds``:

* 0.0 (default): the flat side, as torch.nn.Hardtanh (and relu'(0), hard_sigmoid at ±3).
* 1.0: the gradient passes, as tf.clip_by_value / keras.ops.clip, whose gradient masks only
  x < min and x > max (tensorflow/python/ops/clip_ops.py:140-144). The Keras comparison
  selects it (conformance/divergences/activations.py).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.nonfinite import nan_at_nan
from reference.base import Module
from reference.registry import register

GRAD_AT_BOUNDS = (0.0, 1.0)


@register("activation", "hard_tanh")
class HardTanh(Module):
    def __init__(self, min_val: float = -1.0, max_val: float = 1.0, grad_at_bounds: float = 0.0):
        self.min_val = validate.number("min_val", min_val)
        self.max_val = validate.number("max_val", max_val, low=self.min_val, low_open=True)
        self.grad_at_bounds = validate.choice("grad_at_bounds", validate.number("grad_at_bounds", grad_at_bounds),
                                              GRAD_AT_BOUNDS)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.clip(x, self.min_val, self.max_val), x

    def backward(self, dy, cache):
        x = cache
        inside = (x > self.min_val) & (x < self.max_val)
        on_bound = (x == self.min_val) | (x == self.max_val)
        return nan_at_nan(x, np.where(inside, dy, np.where(on_bound, self.grad_at_bounds * dy, 0))), {}
