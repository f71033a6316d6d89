"""Piecewise constant:  η = values[i] on the i-th interval cut by ``boundaries`` (increasing).

Where the value changes (``switch``):
  "at_boundary"    (PyTorch ``MultiStepLR``):             η = values[i] for b_{i−1} ≤ count < b_i
  "after_boundary" (Keras ``PiecewiseConstantDecay``):    η = values[i] for b_{i−1} < count ≤ b_i
So Keras keeps the old value for one more update at each boundary.
``MultiStepLR`` multiplies by a constant γ at each milestone: it covers values[i] = values[0]·γⁱ.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from reference import validate
from reference.registry import register
from reference.schedules.base import Schedule, count_arg, rate

SWITCHES = ("at_boundary", "after_boundary")


@register("schedule", "piecewise_constant")
class PiecewiseConstant(Schedule):
    def __init__(self, boundaries=(30, 60), values=(0.01, 0.005, 0.0025), switch="at_boundary"):
        self.boundaries = tuple(validate.integer(f"boundaries[{i}]", b, low=0)
                                for i, b in enumerate(validate.sequence("boundaries", boundaries, "integers >= 0")))
        self.values = tuple(rate(f"values[{i}]", v)
                            for i, v in enumerate(validate.sequence("values", values, "learning rates >= 0")))
        if len(self.values) != len(self.boundaries) + 1:
            raise ValueError(f"values={tuple(values)!r} is not allowed: expected len(boundaries) + 1 = "
                             f"{len(self.boundaries) + 1} values")
        if any(b >= c for b, c in zip(self.boundaries, self.boundaries[1:])):
            raise ValueError(f"boundaries={tuple(boundaries)!r} is not allowed: expected strictly increasing steps")
        self.switch = validate.choice("switch", switch, SWITCHES)

    def __call__(self, count):
        count = count_arg(count)
        find = bisect_right if self.switch == "at_boundary" else bisect_left
        return self.values[find(self.boundaries, count)]
