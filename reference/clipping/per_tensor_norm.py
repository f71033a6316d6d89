"""Clip by norm, each tensor on its own.

    g_k ← g_k · min(1, c / (‖g_k‖ + ε))     for every parameter tensor k

Keras ``clipnorm=c`` on the optimizer (``tf.clip_by_norm``: c·g/max(‖g‖, c), no ε). PyTorch has
no per-tensor option: ``clip_grad_norm_([p], c)`` once per parameter (ε = 1e-6, fixed).
"""
from __future__ import annotations

from reference import validate
from reference.clipping.base import Clipping, l2, norm_args, scale
from reference.registry import register


@register("clipping", "per_tensor_norm")
class ClipByNorm(Clipping):
    def __init__(self, max_norm=1.0, epsilon=0.0):
        self.max_norm, self.epsilon = norm_args(max_norm, epsilon)

    def __call__(self, grads):
        validate.arrays("grads", grads)
        return {name: g * scale(l2(g), self.max_norm, self.epsilon) for name, g in grads.items()}
