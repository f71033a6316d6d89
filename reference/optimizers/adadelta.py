"""Adadelta (Zeiler, 2012), with a learning rate as in both frameworks.

    v ← ρ·v + (1 − ρ)·g²
    Δ = −√(u + ε) / √(v + ε) · g
    u ← ρ·u + (1 − ρ)·Δ²
    p ← p + η·Δ

PyTorch and Keras implement this same formula (ε inside both square roots).
State: ``square_avg`` (v), ``delta_avg`` (u). Weight decay: see ``base``.
Defaults: the paper's ρ = 0.95 and ε = 1e-6, with η = 1 (the paper has no learning rate).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.optimizers.base import Optimizer, beta
from reference.registry import register


@register("optimizer", "adadelta")
class Adadelta(Optimizer):
    def __init__(self, learning_rate=1.0, rho=0.95, epsilon=1e-6, weight_decay=0.0, weight_decay_mode="coupled"):
        super().__init__(learning_rate, weight_decay, weight_decay_mode)
        self.rho = beta("rho", rho)
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)

    def slots(self):
        return ("square_avg", "delta_avg")

    def rule(self, p, g, slots, t, lr, shared):
        rho, eps = self.rho, self.epsilon
        v, u = slots["square_avg"], slots["delta_avg"]
        v *= rho
        v += (1 - rho) * (g * g)
        delta = -(np.sqrt(u + eps) / np.sqrt(v + eps)) * g          # with the u of the last update
        u *= rho
        u += (1 - rho) * (delta * delta)
        p += lr * delta
