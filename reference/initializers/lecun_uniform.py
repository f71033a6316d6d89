"""LeCun uniform: U(−a, a), a = √(3/fan_in), std 1/√fan_in."""
from __future__ import annotations

from reference.initializers.base import VarianceScaling
from reference.registry import register


@register("initializer", "lecun_uniform")
class LecunUniform(VarianceScaling):
    def __init__(self):
        super().__init__(1.0, "fan_in", "uniform")
