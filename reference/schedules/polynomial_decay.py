"""Polynomial decay:  η(count) = (η₀ − η_end) · (1 − min(count, T)/T)^power + η_end.

Keras ``PolynomialDecay(η₀, decay_steps=T, end_learning_rate, power)`` (its η_end defaults to
1e-4); PyTorch ``PolynomialLR(total_iters=T, power)`` always decays to 0, through a running
product of ratios.
"""
from __future__ import annotations

from reference.registry import register
from reference.schedules.base import Schedule, count_arg, positive_steps, rate


@register("schedule", "polynomial_decay")
class PolynomialDecay(Schedule):
    def __init__(self, initial_learning_rate=0.01, decay_steps=100, end_learning_rate=0.0, power=1.0):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.decay_steps = positive_steps("decay_steps", decay_steps)
        self.end_learning_rate = rate("end_learning_rate", end_learning_rate)
        self.power = rate("power", power)

    def __call__(self, count):
        count = count_arg(count)
        frac = min(count, self.decay_steps) / self.decay_steps
        return (self.initial_learning_rate - self.end_learning_rate) * (1 - frac) ** self.power + self.end_learning_rate
