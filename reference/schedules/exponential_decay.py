"""Exponential decay:  η(count) = η₀ · r^(count / k).

Keras ``ExponentialDecay(η₀, decay_steps=k, decay_rate=r)``; PyTorch ``ExponentialLR(gamma=r^(1/k))``,
which multiplies the previous lr by γ at every ``step()`` (a running product, not a power).
"""
from __future__ import annotations

from reference.registry import register
from reference.schedules.base import Schedule, count_arg, finite, positive_steps, power, rate


@register("schedule", "exponential_decay")
class ExponentialDecay(Schedule):
    def __init__(self, initial_learning_rate=0.01, decay_rate=0.96, decay_steps=1):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.decay_rate = rate("decay_rate", decay_rate)
        self.decay_steps = positive_steps("decay_steps", decay_steps)

    def __call__(self, count):
        count = count_arg(count)
        lr = self.initial_learning_rate * power(self.decay_rate, count / self.decay_steps)
        return finite(lr, count, f"decay_rate={self.decay_rate!r} > 1")
