"""Hard sigmoid, the MobileNetV3 / PyTorch / Keras 3 definition.

Forward:   y = relu6(x + 3) / 6 = min(max(x + 3, 0), 6) / 6     (= clip(x/6 + 1/2, 0, 1))
Backward:  dx = dy / 6 if −3 < x < 3, 0 otherwise               (0 at x = ±3, as both frameworks;
                                                                 NaN at x = NaN)

torch.nn.Hardsigmoid and keras.activations.hard_sigmoid (Keras 3, tf.nn.relu6(x + 3) / 6)
both use this. Keras 2 and tf.keras used clip(0.2·x + 0.5, 0, 1) instead (slope 1/5, kinks
at ±2.5); that is a different function, not a convention.

``grad_sixth="float32"``: the backward multiplies by 1/6 rounded to float32 (0.1666666716), as
torch.nn.Hardsigmoid's backward kernel does in every dtype (aten hardsigmoid_backward,
``one_sixth(1.0f / 6.0f)``): the torch divergence record maps it and its native run measures it.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.nonfinite import nan_at_nan
from reference.base import Module
from reference.registry import register


@register("activation", "hard_sigmoid")
class HardSigmoid(Module):
    def __init__(self, grad_sixth: str = "exact"):
        self.grad_sixth = validate.choice("grad_sixth", grad_sixth, ("exact", "float32"))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return np.minimum(np.maximum(x + 3, 0), 6) / 6, x

    def backward(self, dy, cache):
        x = cache
        scaled = dy * float(np.float32(1 / 6)) if self.grad_sixth == "float32" else dy / 6
        return nan_at_nan(x, np.where((x > -3) & (x < 3), scaled, 0)), {}
