"""Glorot (Xavier) normal: std σ = gain·√(2 / (fan_in + fan_out)).

    truncated=False   N(0, σ²)                                   (Glorot & Bengio 2010; torch xavier_normal_)
    truncated=True    N(0, σ′²) cut at ±2σ′, σ′ = σ/0.8796, std σ (Keras GlorotNormal)
Fans: ``base.fans`` (kernel (*receptive_field, in, out)).
"""
from __future__ import annotations

from reference import validate
from reference.initializers.base import VarianceScaling, normal_kind
from reference.registry import register


@register("initializer", "glorot_normal")
class GlorotNormal(VarianceScaling):
    def __init__(self, gain: float = 1.0, truncated: bool = False):
        self.gain = validate.number("gain", gain, low=0.0, low_open=True)
        self.truncated = truncated
        super().__init__(self.gain ** 2, "fan_avg", normal_kind(truncated))
