"""Adagrad (Duchi, Hazan & Singer, 2011).

    s ← s + g²                                   (s₀ = initial_accumulator_value)
    p ← p − η·g / den

``epsilon_placement`` says where ε enters the denominator:
  "outside_sqrt" (PyTorch ``torch.optim.Adagrad``):   den = √s + ε
  "inside_sqrt"  (Keras ``keras.optimizers.Adagrad``):  den = √(s + ε)

State: ``accumulator`` (s). Weight decay: see ``base``.
Defaults (PyTorch's; the paper has no ε): η = 0.01, s₀ = 0, ε = 1e-10.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.optimizers.base import Optimizer
from reference.registry import register

EPSILON_PLACEMENTS = ("outside_sqrt", "inside_sqrt")


def denominator(s: np.ndarray, epsilon: float, placement: str) -> np.ndarray:
    """√s + ε ("outside_sqrt") or √(s + ε) ("inside_sqrt"); Adagrad's and RMSprop's choice."""
    return np.sqrt(s) + epsilon if placement == "outside_sqrt" else np.sqrt(s + epsilon)


@register("optimizer", "adagrad")
class Adagrad(Optimizer):
    def __init__(self, learning_rate=0.01, initial_accumulator_value=0.0, epsilon=1e-10, weight_decay=0.0,
                 weight_decay_mode="coupled", epsilon_placement="outside_sqrt"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.initial_accumulator_value = validate.number("initial_accumulator_value", initial_accumulator_value,
                                                         low=0.0)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.epsilon_placement = validate.choice("epsilon_placement", epsilon_placement, EPSILON_PLACEMENTS)

    def slots(self):
        return ("accumulator",)

    def slot_init(self, slot, p):
        return np.full_like(p, self.initial_accumulator_value)

    def rule(self, p, g, slots, t, lr, shared):
        s = slots["accumulator"]
        s += g * g
        p -= lr * (g / denominator(s, self.epsilon, self.epsilon_placement))
