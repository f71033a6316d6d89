"""Max-norm constraint: each unit's incoming weight vector is kept within an L2 ball.

With n = ‖W‖₂ over ``axis`` (axis=0 on an (in, out) Dense kernel: one norm per output
unit, i.e. per column), applied after each optimizer step:

    rescale="over_max"   W ← W · max_value / (n + ε)    where n > max_value; unchanged elsewhere
                         (torch.renorm, ε = 1e-7 fixed: torch/_refs/__init__.py, renorm)
    rescale="all"        W ← W · min(n, max_value) / (n + ε)   for every unit
                         (Keras MaxNorm, ε = keras.config.epsilon() = 1e-7:
                         keras/src/constraints/constraints.py)

With ε = 0 (the default) both read W ← W · min(1, max_value / n): the exact projection.
For ε > 0, "all" also shrinks units already inside the ball, by n / (n + ε).
A unit with n = 0 stays 0 (ε = 0 treats 0/0 as 0).

``axis`` is checked for its type at construction and against W's dimensions when applied.
"""
from __future__ import annotations

from numbers import Integral

import numpy as np

from reference import validate
from reference.registry import register
from reference.regularizers.base import Constraint

RESCALE = ("over_max", "all")


@register("regularizer", "max_norm")
class MaxNorm(Constraint):
    def __init__(self, max_value: float = 2.0, axis: int | tuple[int, ...] = 0, epsilon: float = 0.0,
                 rescale: str = "over_max"):
        self.max_value = validate.number("max_value", max_value, low=0.0, low_open=True)
        axes = axis if isinstance(axis, tuple) else (axis,)
        if not axes or not all(isinstance(a, Integral) and not isinstance(a, bool) for a in axes):
            raise ValueError(f"axis={axis!r} is not allowed: expected an integer or a tuple of integers")
        self.axis = axis
        self.epsilon = validate.number("epsilon", epsilon, low=0.0)
        self.rescale = validate.choice("rescale", rescale, RESCALE)

    def check(self, W: np.ndarray) -> np.ndarray:
        """W a float array with every axis of ``axis`` among its dimensions, none twice."""
        validate.array("W", W)
        axes = self.axis if isinstance(self.axis, tuple) else (self.axis,)
        if not all(-W.ndim <= a < W.ndim for a in axes) or len({a % W.ndim for a in axes}) < len(axes):
            raise ValueError(f"axis={self.axis!r} is not allowed for W of shape {W.shape}: expected distinct "
                             f"integers in [{-W.ndim}, {W.ndim - 1}]")
        return W

    def norms(self, W: np.ndarray) -> np.ndarray:
        self.check(W)
        return np.sqrt(np.square(W).sum(axis=self.axis, keepdims=True))   # (1, out) for axis=0 on (in, out)

    def apply(self, W):
        self.check(W)
        n = self.norms(W)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.rescale == "over_max":
                factor = np.where(n > self.max_value, self.max_value / (n + self.epsilon), 1.0)
            else:
                factor = np.where(n > 0, np.minimum(n, self.max_value) / (n + self.epsilon), 1.0)
        return (W * factor.astype(W.dtype)).astype(W.dtype)
