"""Inverse-time decay:  η(count) = η₀ / (1 + r · count / k)   (⌊count / k⌋ with ``staircase``).

Keras ``InverseTimeDecay``. PyTorch has no such scheduler: ``LambdaLR`` with this factor.
"""
from __future__ import annotations

from reference import validate
from reference.registry import register
from reference.schedules.base import Schedule, count_arg, positive_steps, rate


@register("schedule", "inverse_time_decay")
class InverseTimeDecay(Schedule):
    def __init__(self, initial_learning_rate=0.01, decay_steps=10, decay_rate=0.5, staircase=False):
        self.initial_learning_rate = rate("initial_learning_rate", initial_learning_rate)
        self.decay_steps = positive_steps("decay_steps", decay_steps)
        self.decay_rate = rate("decay_rate", decay_rate)
        self.staircase = validate.flag("staircase", staircase)

    def __call__(self, count):
        count = count_arg(count)
        p = count // self.decay_steps if self.staircase else count / self.decay_steps
        return self.initial_learning_rate / (1 + self.decay_rate * p)
