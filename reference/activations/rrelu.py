"""Randomized leaky ReLU (Xu et al., 2015): a leaky ReLU whose slope is random in training.

Training:    a ~ U(lower, upper), drawn independently for every element (the ``noise``)
Evaluation:  a = (lower + upper) / 2
Forward:     y = x if x > 0 else a · x
Backward:    dx = dy · (1 if x > 0 else a)

The noise is an array of slopes shaped like x; only the entries where x ≤ 0 matter. The
harness recovers a framework's draw with ``slopes_from_output`` and checks it with
``check_noise`` before feeding it to the reference.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.activations.nonfinite import nan_at_nan
from reference.base import Module
from reference.registry import register

# A recovered slope is one float rounding away from the framework's draw (y / x), and a
# float32 draw has float32 bounds (f32(1/3) > 1/3): allow this many ulps of the noise's dtype.
_ULPS = 4


@register("activation", "rrelu")
class RReLU(Module):
    random = True

    def __init__(self, lower: float = 1 / 8, upper: float = 1 / 3):
        self.lower = validate.number("lower", lower, low=0)
        self.upper = validate.number("upper", upper, low=self.lower)

    @property
    def eval_slope(self) -> float:
        return (self.lower + self.upper) / 2

    def draw_noise(self, rng, shape):
        return rng.uniform(self.lower, self.upper, size=shape)          # slopes, shaped like x

    def check_noise(self, noise):
        noise = np.asarray(noise)
        if not np.issubdtype(noise.dtype, np.floating) or not np.all(np.isfinite(noise)):
            raise ValueError("noise is not allowed: expected finite floating-point slopes")
        slack = _ULPS * np.finfo(noise.dtype).eps
        low, high = self.lower * (1 - slack), self.upper * (1 + slack)
        bad = (noise < low) | (noise > high)
        if bad.any():
            raise ValueError(f"noise holds {int(bad.sum())} slope(s) outside [lower, upper] = "
                             f"[{self.lower}, {self.upper}], e.g. {noise[bad].flat[0]!r}")

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if training:
            if noise is None:
                if rng is None:
                    raise ValueError("training=True needs rng (to draw the slopes) or noise (the slopes)")
                noise = self.draw_noise(rng, x.shape)
            slope = np.asarray(noise, dtype=x.dtype)
            if slope.shape != x.shape:
                raise ValueError(f"noise has shape {slope.shape}: expected the input's shape {x.shape}")
        else:
            slope = np.asarray(self.eval_slope, dtype=x.dtype)
        slope = nan_at_nan(x, np.where(x > 0, x.dtype.type(1), slope))   # (N, ..., F); NaN at x = NaN
        return x * slope, slope

    def backward(self, dy, cache):
        slope = cache
        return dy * slope, {}


def slopes_from_output(x: np.ndarray, y: np.ndarray, fill: float) -> np.ndarray:
    """The slopes a framework used, as ``RReLU``'s noise: y / x where x < 0, ``fill`` elsewhere
    (there the slope does not show in the output; at x = 0 it still scales the gradient, so
    training cases avoid exact zeros). At x = −inf, y / x = −inf / −inf is NaN: the slope does
    not show there either, so it is ``fill`` too (training cases at −inf compare the forward only)."""
    x, y = np.asarray(x), np.asarray(y)
    out = np.full(x.shape, fill, dtype=x.dtype)
    np.divide(y, x, out=out, where=(x < 0) & np.isfinite(x))
    return out
