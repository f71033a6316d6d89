"""Random normal: every entry ~ N(mean, std²), independently; no fans involved."""
from __future__ import annotations

from reference import validate
from reference.initializers import distributions as D
from reference.initializers.base import Initializer
from reference.registry import register


@register("initializer", "random_normal")
class RandomNormal(Initializer):
    def __init__(self, mean: float = 0.0, std: float = 1.0):
        self.mean = validate.number("mean", mean)
        self.std = validate.number("std", std, low=0.0, low_open=True)

    def distribution(self, shape):
        return D.Normal(self.mean, self.std)
