"""Constant learning rate:  η(count) = η₀.

PyTorch: no scheduler (the optimizer's ``lr``). Keras: a number as ``learning_rate``.
"""
from __future__ import annotations

from reference.registry import register
from reference.schedules.base import Schedule, count_arg, rate


@register("schedule", "constant_lr")
class Constant(Schedule):
    def __init__(self, learning_rate=0.01):
        self.learning_rate = rate("learning_rate", learning_rate)

    def __call__(self, count):
        count_arg(count)
        return self.learning_rate
