"""He (Kaiming) normal: std σ = gain/√fan, gain² = 2 / (1 + a²), a = ``negative_slope``.

a = 0 is ReLU (σ = √(2/fan)); a > 0 is a leaky ReLU / PReLU with that slope (He et al. 2015).
fan = fan_in (``mode="fan_in"``, preserves the forward variance) or fan_out (backward).
    truncated=False   N(0, σ²)                                   (torch kaiming_normal_)
    truncated=True    N(0, σ′²) cut at ±2σ′, σ′ = σ/0.8796, std σ (Keras HeNormal)
"""
from __future__ import annotations

from reference import validate
from reference.initializers.base import VarianceScaling, normal_kind
from reference.registry import register

HE_MODES = ("fan_in", "fan_out")


@register("initializer", "he_normal")
class HeNormal(VarianceScaling):
    def __init__(self, negative_slope: float = 0.0, mode: str = "fan_in", truncated: bool = False):
        self.negative_slope = validate.number("negative_slope", negative_slope)
        self.truncated = truncated
        super().__init__(2.0 / (1.0 + self.negative_slope ** 2), validate.choice("mode", mode, HE_MODES),
                         normal_kind(truncated))
