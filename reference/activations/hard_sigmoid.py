"""Hard sigmoid, the MobileNetV3 / PyTorch / Keras 3 definition.

Forward:   y = relu6(x + 3) / 6 = min(max(x + 3, 0), 6) / 6     (= clip(x/6 + 1/2, 0, 1))
Backward:  dx = dy / 6 if −3 < x < 3, 0 otherwise               (0 at x = ±3, as both frameworks)

torch.nn.Hardsigmoid and keras.activations.hard_sigmoid (Keras 3, tf.nn.relu6(x + 3) / 6)
both use this. Keras 2 and tf.keras used clip(0.2·x + 0.5, 0, 1) instead (slope 1/5, kinks
at ±2.5); that is a different function, not a convention.

torch.nn.Hardsigmoid's backward multiplies by 1/6 rounded to float32 also in float64 (3e-8
relative): a tolerance override on the float64 cases (conformance/cases/activations.py).
"""
from __future__ import annotations

import numpy as np

from reference.base import Module
from reference.registry import register


@register("activation", "hard_sigmoid")
class HardSigmoid(Module):
    def forward(self, x, params, *, training=False, rng=None, noise=None):
        return np.minimum(np.maximum(x + 3, 0), 6) / 6, x

    def backward(self, dy, cache):
        x = cache
        return np.where((x > -3) & (x < 3), dy / 6, 0), {}
