"""Constant: every entry is ``value`` rounded once to the requested dtype (deterministic)."""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.initializers.base import Initializer
from reference.registry import register


@register("initializer", "constant")
class Constant(Initializer):
    deterministic = True

    def __init__(self, value: float = 0.0):
        self.value = validate.number("value", value)

    def sample(self, shape, rng=None, dtype=np.float64):
        shape, dtype = self.check_sample(shape, rng, dtype)
        return np.full(shape, self.value, dtype=dtype)
