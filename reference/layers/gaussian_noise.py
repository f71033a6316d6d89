"""Additive Gaussian noise, a regularizer active in training only.

Training:    n = σ ε,  ε ~ N(0, 1), one per element (the ``noise``: n itself, x's shape)
Forward:     y = x + n
Backward:    dx = dy
Evaluation:  y = x,  dx = dy

Shapes: x, n, y (N, ..., F). Keras's ``GaussianNoise(stddev)`` (stddev must lie in [0, 1] there);
torch has no such layer (torch_impl composes it with ``torch.randn_like``). The harness reads a
framework's n back exactly from a run on an input of zeros, where y = 0 + n = n.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


def check_float_noise(noise, what: str) -> np.ndarray:
    """A finite floating-point array (the additive or multiplicative noise of a Gaussian layer)."""
    if not isinstance(noise, np.ndarray) or not np.issubdtype(noise.dtype, np.floating):
        raise ValueError(f"noise is a {type(noise).__name__} of dtype {getattr(noise, 'dtype', None)}: "
                         f"expected a floating-point array of {what}")
    if not np.all(np.isfinite(noise)):
        raise ValueError(f"noise holds {int((~np.isfinite(noise)).sum())} non-finite value(s): expected finite {what}")
    return noise


def noise_of_input(x: np.ndarray, noise) -> np.ndarray:
    """``noise`` in x's dtype, with x's shape (the boundary of a training forward pass)."""
    n = np.asarray(noise, dtype=x.dtype)
    if n.shape != x.shape:
        raise ValueError(f"noise has shape {n.shape}: expected the input's shape {x.shape}")
    return n


@register("layer", "gaussian_noise")
class GaussianNoise(Module):
    random = True

    def __init__(self, stddev: float):
        self.stddev = validate.number("stddev", stddev, low=0)

    def draw_noise(self, rng, shape):
        return self.stddev * rng.standard_normal(shape)                 # (N, ..., F)

    def check_noise(self, noise):
        check_float_noise(noise, "additive noise")
        if self.stddev == 0 and np.any(noise != 0):
            raise ValueError("noise is not zero at stddev=0")

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if not training:
            return x.copy(), (x.shape, x.dtype)
        if noise is None:
            if rng is None:
                raise ValueError("training=True needs rng (to draw the noise) or noise (the additive noise)")
            noise = self.draw_noise(rng, x.shape)
        return x + noise_of_input(x, noise), (x.shape, x.dtype)

    def backward(self, dy, cache):
        self.check_backward(dy, *cache)
        return dy.copy(), {}
