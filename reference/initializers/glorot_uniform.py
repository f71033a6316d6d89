"""Glorot (Xavier) uniform: U(−a, a), a = gain·√(6 / (fan_in + fan_out)), std gain·√(2/(fan_in + fan_out)).

Fans: ``base.fans`` (kernel (*receptive_field, in, out)).
"""
from __future__ import annotations

from reference import validate
from reference.initializers.base import VarianceScaling
from reference.registry import register


@register("initializer", "glorot_uniform")
class GlorotUniform(VarianceScaling):
    def __init__(self, gain: float = 1.0):
        self.gain = validate.number("gain", gain, low=0.0, low_open=True)
        super().__init__(self.gain ** 2, "fan_avg", "uniform")
