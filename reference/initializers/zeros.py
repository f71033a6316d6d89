"""Zeros: every entry is 0 (deterministic)."""
from __future__ import annotations

import numpy as np

from reference.initializers.base import Initializer
from reference.registry import register


@register("initializer", "zeros")
class Zeros(Initializer):
    deterministic = True

    def sample(self, shape, rng=None, dtype=np.float64):
        shape, dtype = self.check_sample(shape, rng, dtype)
        return np.zeros(shape, dtype=dtype)
