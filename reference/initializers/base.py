"""Initializers: an analytic distribution per kernel shape, and a sampler.

    init = reference.get("initializer", "glorot_uniform")()
    init.fans((in, out))               -> (fan_in, fan_out)
    init.distribution((in, out))       -> Normal | TruncatedNormal | Uniform | ... (distributions.py)
    init.sample((in, out), rng, dtype) -> array of that shape and dtype

``sample`` checks its arguments (``Initializer.check_sample``): ``shape`` a list or tuple of
integers >= 1 (an empty kernel has no distribution to draw), ``rng`` a ``numpy.random.Generator``
(the deterministic zeros/ones/constant take any, None included), ``dtype`` one of
``reference.conventions.DTYPES``.

Kernel layout and fans (the convention for every rank, written once here):

    a kernel has shape (*receptive_field, in, out): a Dense kernel is (in, out)
    (reference.conventions.DENSE_KERNEL_LAYOUT), a 2-D convolution kernel (kh, kw, in, out).
    fan_in  = in  · ∏ receptive_field
    fan_out = out · ∏ receptive_field
    Rank < 2 has no fans (ValueError), as in torch; Keras takes fan_in = fan_out = n for 1-D.

torch stores the same kernel as (out, in, *receptive_field) and computes the same fans on it
(torch/nn/init.py, _calculate_fan_in_and_fan_out); Keras stores it as the reference does
(keras/src/initializers/random_initializers.py, compute_fans).

Variance scaling (Glorot, He, LeCun): σ² = scale / n, with n = fan_in, fan_out or
(fan_in + fan_out)/2 by ``mode``, and
    normal            N(0, σ²)
    truncated normal  N(0, σ′²) cut at ±2σ′, σ′ = σ / s₂, s₂ = √Var(N(0,1) cut at ±2) ≈ 0.8796,
                      so that the std after truncation is σ (the Keras form)
    uniform           U(−√3 σ, √3 σ)  (std σ)
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from reference import validate
from reference.initializers import distributions as D

# The conventions above, as data (the kernel layout itself: reference.conventions).
FAN_MODES = ("fan_in", "fan_out", "fan_avg")
TRUNCATION_CUTOFF = 2.0                                  # in standard deviations of the parent normal
TRUNCATED_STD_FACTOR = math.sqrt(D.truncated_std_normal_var(TRUNCATION_CUTOFF))   # s₂ ≈ 0.87962566


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) of a kernel of shape (*receptive_field, in, out)."""
    shape = validate.shape("shape", shape)
    if len(shape) < 2:
        raise ValueError(f"shape={shape!r} is not allowed: fans need a kernel of rank >= 2 "
                         "(*receptive_field, in, out)")
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class Initializer:
    """Base: ``distribution(shape)`` is the law of every entry; ``sample`` draws from it."""

    #: True for zeros/ones/constant: the framework's values are compared exactly.
    deterministic = False
    #: True when the distribution depends on the kernel's fans.
    uses_fans = False

    def fans(self, shape: tuple[int, ...]) -> tuple[int, int]:
        return fans(shape)

    def distribution(self, shape: tuple[int, ...]) -> Any:
        raise NotImplementedError

    def check_sample(self, shape: Any, rng: Any, dtype: Any) -> tuple[tuple[int, ...], np.dtype]:
        """The boundary of ``sample``: (shape, dtype) validated; a shape this initializer has no
        distribution for (rank < 2 with fans) and a missing rng are rejected."""
        shape = validate.shape("shape", shape)
        if not self.deterministic:
            self.distribution(shape)
            if not isinstance(rng, np.random.Generator):
                raise ValueError(f"rng={rng!r} is not allowed: expected a numpy.random.Generator "
                                 "(np.random.default_rng(seed))")
        return shape, validate.dtype("dtype", dtype)

    def sample(self, shape: tuple[int, ...], rng: np.random.Generator, dtype: Any = np.float64) -> np.ndarray:
        shape, dtype = self.check_sample(shape, rng, dtype)
        return self.distribution(shape).sample(rng, shape).astype(dtype)

    def __call__(self, shape, rng: np.random.Generator, dtype: Any = np.float64) -> np.ndarray:
        return self.sample(shape, rng, dtype)


class VarianceScaling(Initializer):
    """σ² = scale / n(mode); distribution "normal" | "truncated_normal" | "uniform" (module docstring)."""

    uses_fans = True
    DISTRIBUTIONS = ("normal", "truncated_normal", "uniform")

    def __init__(self, scale: float, mode: str, distribution: str):
        self.scale = validate.number("scale", scale, low=0.0, low_open=True)
        self.mode = validate.choice("mode", mode, FAN_MODES)
        self.kind = validate.choice("distribution", distribution, self.DISTRIBUTIONS)

    def std(self, shape: tuple[int, ...]) -> float:
        """σ: the standard deviation of every entry, whatever the distribution."""
        fan_in, fan_out = self.fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": 0.5 * (fan_in + fan_out)}[self.mode]
        return math.sqrt(self.scale / n)

    def distribution(self, shape):
        sigma = self.std(shape)
        if self.kind == "normal":
            return D.Normal(0.0, sigma)
        if self.kind == "truncated_normal":
            return D.TruncatedNormal(0.0, sigma / TRUNCATED_STD_FACTOR, TRUNCATION_CUTOFF)
        limit = math.sqrt(3.0) * sigma
        return D.Uniform(-limit, limit)


def normal_kind(truncated: Any) -> str:
    """The ``truncated`` flag of the *_normal initializers as a distribution name."""
    return "truncated_normal" if validate.flag("truncated", truncated) else "normal"
