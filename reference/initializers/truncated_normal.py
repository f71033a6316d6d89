"""Truncated normal: N(mean, std²) conditioned on |x − mean| ≤ 2·std.

The bounds are relative, two standard deviations of the parent normal either side of the
mean (``base.TRUNCATION_CUTOFF``); ``std`` is the parent's, so the entries' own standard
deviation is ≈ 0.8796·std (``distributions.TruncatedNormal``).
"""
from __future__ import annotations

from reference import validate
from reference.initializers import distributions as D
from reference.initializers.base import TRUNCATION_CUTOFF, Initializer
from reference.registry import register


@register("initializer", "truncated_normal")
class TruncatedNormal(Initializer):
    cutoff = TRUNCATION_CUTOFF

    def __init__(self, mean: float = 0.0, std: float = 1.0):
        self.mean = validate.number("mean", mean)
        self.std = validate.number("std", std, low=0.0, low_open=True)

    def distribution(self, shape):
        return D.TruncatedNormal(self.mean, self.std, self.cutoff)
