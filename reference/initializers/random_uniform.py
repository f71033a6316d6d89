"""Random uniform: every entry ~ U[low, high), independently; no fans involved."""
from __future__ import annotations

from reference import validate
from reference.initializers import distributions as D
from reference.initializers.base import Initializer
from reference.registry import register


@register("initializer", "random_uniform")
class RandomUniform(Initializer):
    def __init__(self, low: float = 0.0, high: float = 1.0):
        self.low = validate.number("low", low)
        self.high = validate.number("high", high, low=self.low, low_open=True)

    def distribution(self, shape):
        return D.Uniform(self.low, self.high)
