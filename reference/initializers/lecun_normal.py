"""LeCun normal: std σ = 1/√fan_in (LeCun et al. 1998; the SELU initializer).

    truncated=False   N(0, σ²)
    truncated=True    N(0, σ′²) cut at ±2σ′, σ′ = σ/0.8796, std σ (Keras LecunNormal)
"""
from __future__ import annotations

from reference.initializers.base import VarianceScaling, normal_kind
from reference.registry import register


@register("initializer", "lecun_normal")
class LecunNormal(VarianceScaling):
    def __init__(self, truncated: bool = False):
        self.truncated = truncated
        super().__init__(1.0, "fan_in", normal_kind(truncated))
