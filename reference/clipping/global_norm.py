"""Clip by global norm: every gradient scaled by the same factor.

    ‖g‖ = √(Σ_tensors Σ_i g_i²),   g ← g · min(1, c / (‖g‖ + ε))

PyTorch ``torch.nn.utils.clip_grad_norm_(params, c)`` (ε = 1e-6, fixed); Keras
``global_clipnorm=c`` on the optimizer (``c·min(1/‖g‖, 1/c)``, no ε).
"""
from __future__ import annotations

import math

from reference import validate
from reference.clipping.base import Clipping, l2, norm_args, scale
from reference.registry import register


@register("clipping", "global_norm")
class ClipByGlobalNorm(Clipping):
    def __init__(self, max_norm=1.0, epsilon=0.0):
        self.max_norm, self.epsilon = norm_args(max_norm, epsilon)

    def __call__(self, grads):
        validate.arrays("grads", grads)
        norm = math.sqrt(sum(l2(g) ** 2 for g in grads.values()))
        s = scale(norm, self.max_norm, self.epsilon)
        return {name: g * s for name, g in grads.items()}
