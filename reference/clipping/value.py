"""Clip by value:  g ← min(max(g, −v), v)  elementwise.

PyTorch ``torch.nn.utils.clip_grad_value_(params, v)``; Keras ``clipvalue=v`` on the optimizer.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.clipping.base import Clipping
from reference.registry import register


@register("clipping", "value")
class ClipByValue(Clipping):
    def __init__(self, clip_value=1.0):
        self.clip_value = validate.number("clip_value", clip_value, low=0.0, low_open=True)

    def __call__(self, grads):
        validate.arrays("grads", grads)
        v = self.clip_value
        return {name: np.clip(g, -v, v) for name, g in grads.items()}
