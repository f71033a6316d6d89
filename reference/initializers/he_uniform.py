"""He (Kaiming) uniform: U(−√3 σ, √3 σ), σ = gain/√fan, gain² = 2 / (1 + a²), a = ``negative_slope``.

a = 0: bound √(6/fan). fan = fan_in or fan_out by ``mode``.
torch.nn.Linear's own default weight init is this with a = √5: bound 1/√fan_in.
"""
from __future__ import annotations

from reference import validate
from reference.initializers.base import VarianceScaling
from reference.initializers.he_normal import HE_MODES
from reference.registry import register


@register("initializer", "he_uniform")
class HeUniform(VarianceScaling):
    def __init__(self, negative_slope: float = 0.0, mode: str = "fan_in"):
        self.negative_slope = validate.number("negative_slope", negative_slope)
        super().__init__(2.0 / (1.0 + self.negative_slope ** 2), validate.choice("mode", mode, HE_MODES), "uniform")
