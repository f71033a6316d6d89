"""Adamax (Kingma & Ba, 2015, §7.1): Adam with the infinity norm.

    m ← m + (1 − β₁)·(g − m),     b₁ = 1 − β₁ᵗ

``epsilon_placement`` (the paper has no ε; u = 0 where a gradient has always been 0):
  "in_max"         (PyTorch ``torch.optim.Adamax``):
        u ← max(β₂·u, |g| + ε),    p ← p − (η / b₁) · m / u
  "in_denominator" (Keras ``keras.optimizers.Adamax``):
        u ← max(β₂·u, |g|),        p ← p − η·m / (b₁·(u + ε))

State: ``m``, ``u`` (u includes ε in the "in_max" form). Weight decay: see ``base``.
Defaults: the paper's η = 2e-3, β₁ = 0.9, β₂ = 0.999, with PyTorch's ε = 1e-8.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.optimizers.base import Optimizer, beta
from reference.registry import register

EPSILON_PLACEMENTS = ("in_max", "in_denominator")


@register("optimizer", "adamax")
class Adamax(Optimizer):
    def __init__(self, learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, weight_decay=0.0,
                 weight_decay_mode="coupled", epsilon_placement="in_max"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.beta_1 = beta("beta_1", beta_1)
        self.beta_2 = beta("beta_2", beta_2)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.epsilon_placement = validate.choice("epsilon_placement", epsilon_placement, EPSILON_PLACEMENTS)

    def slots(self):
        return ("m", "u")

    def rule(self, p, g, slots, t, lr, shared):
        m, u = slots["m"], slots["u"]
        m += (1 - self.beta_1) * (g - m)
        bc1 = 1 - self.beta_1 ** t
        u *= self.beta_2
        if self.epsilon_placement == "in_max":
            np.maximum(u, np.abs(g) + self.epsilon, out=u)
            p -= (lr / bc1) * (m / u)
        else:
            np.maximum(u, np.abs(g), out=u)
            p -= (lr * m) / (bc1 * (u + self.epsilon))
