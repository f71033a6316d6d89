"""Step decay:  η(count) = η₀ · γ^⌊count / k⌋.

PyTorch ``StepLR(step_size=k, gamma=γ)`` (γ defaults to 0.1, as here); Keras
``ExponentialDecay(η₀, decay_steps=k, decay_rate=γ, staircase=True)``.
"""
from __future__ import annotations

from reference.registry import register
from reference.schedules.base import Schedule, count_arg, finite, positive_steps, power, rate


@register("schedule", "step_decay")
class StepDecay(Schedule):
    def __init__(self, initial_learning_rate=0.01, step_size=10, gamma=0.1):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.step_size = positive_steps("step_size", step_size)
        self.gamma = rate("gamma", gamma)

    def __call__(self, count):
        count = count_arg(count)
        lr = self.initial_learning_rate * power(self.gamma, count // self.step_size)
        return finite(lr, count, f"gamma={self.gamma!r} > 1")
