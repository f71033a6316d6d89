"""Dropout (Srivastava et al., 2014), inverted: the kept units are scaled up in training, so that
evaluation is the identity.

Training:    m ~ Bernoulli(1 − p), one per element (the ``noise``: a boolean keep-mask, x's shape)
Forward:     y = x · m / (1 − p)           (p = 1: y = x · 0, every unit dropped)
Backward:    dx = dy · m / (1 − p)
Evaluation:  y = x,  dx = dy

Shapes: x, m, y (N, ..., F). ``ChannelDropout`` (spatial_dropout1d/2d) draws one m per sample and
channel, shared over the spatial axes, with the same forward and backward.

The harness reads a framework's mask back exactly (``reference.registry.Probe``): the framework
runs again with the same seed on an input of ones, where a kept unit shows 1/(1 − p) and a dropped
one 0 (``kept_units``); in the real input a dropped unit and an input of 0 both give 0. The mask is
all the reference takes from the framework: the scaling is computed here and compared.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.registry import register


def kept_units(y: np.ndarray) -> np.ndarray:
    """The keep-mask of a (spatial) dropout run on an input of ones: kept units are 1/(1 − p) > 0."""
    return np.asarray(y) != 0


@register("layer", "dropout")
class Dropout(Module):
    """``p`` is required, as Keras's ``rate`` (torch's ``nn.Dropout`` defaults to 0.5: a divergence record)."""
    random = True

    def __init__(self, p: float):
        self.p = validate.number("p", p, low=0, high=1)

    # --- the draw -----------------------------------------------------------------------
    def mask_shape(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """Shape of one draw of m for an input of ``shape`` (broadcast to ``shape``)."""
        return tuple(shape)

    def draw_noise(self, rng, shape):
        keep = rng.random(self.mask_shape(shape)) >= self.p            # Bernoulli(1 − p)
        return np.broadcast_to(keep, tuple(shape)).copy()                # (N, ..., F) bool

    def check_noise(self, noise):
        if not isinstance(noise, np.ndarray) or noise.dtype != np.bool_:
            raise ValueError(f"noise is a {type(noise).__name__} of dtype {getattr(noise, 'dtype', None)}: "
                             "expected a boolean keep-mask")
        if self.p == 0 and not noise.all():
            raise ValueError(f"noise drops {int((~noise).sum())} unit(s) at p=0: expected every unit kept")
        if self.p == 1 and noise.any():
            raise ValueError(f"noise keeps {int(noise.sum())} unit(s) at p=1: expected every unit dropped")

    # --- forward / backward -------------------------------------------------------------
    def check_input(self, x: np.ndarray) -> None:
        """Rank checks of subclasses (dropout takes any rank)."""

    def mask(self, x, rng, noise) -> np.ndarray:
        """The keep-mask of a training pass: ``noise`` as given, or drawn from ``rng``."""
        if noise is None:
            if rng is None:
                raise ValueError("training=True needs rng (to draw the mask) or noise (the mask)")
            noise = self.draw_noise(rng, x.shape)
        if not isinstance(noise, np.ndarray) or noise.dtype != np.bool_ or noise.shape != x.shape:
            raise ValueError(f"noise is a {type(noise).__name__} of shape {np.shape(noise)} and dtype "
                             f"{getattr(noise, 'dtype', None)}: expected a boolean mask of the input's shape {x.shape}")
        return noise

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        self.check_input(x)
        if not training:
            return x.copy(), (None, x.shape, x.dtype)
        m = self.mask(x, rng, noise)                                     # (N, ..., F) bool
        keep = x.dtype.type(1 - self.p)
        # m / (1 − p) in x's dtype, as torch; p = 1 keeps nothing (0, not 0/0)
        factor = np.zeros(x.shape, x.dtype) if self.p == 1 else m.astype(x.dtype) / keep
        return x * factor, (factor, x.shape, x.dtype)

    def backward(self, dy, cache):
        factor, shape, dtype = cache
        self.check_backward(dy, shape, dtype)
        return (dy.copy() if factor is None else dy * factor), {}


class ChannelDropout(Dropout):
    """Dropout of whole channels: one m per (sample, channel), shared over the ``ndim − 2`` spatial
    axes of a channels-last input (N, ..., C). Subclasses set ``ndim``.

    The noise has x's shape (what a framework's probe shows); the draw is its first spatial position,
    m[n, c] = noise[n, 0, ..., 0, c], and ``check_noise`` verifies that every other position repeats
    it. A framework that drops along another axis thus fails the noise check and, where its mask
    differs from the first position's, the forward comparison."""
    ndim = 0

    def mask_shape(self, shape):
        return (shape[0],) + (1,) * (len(shape) - 2) + (shape[-1],)     # (N, 1, ..., 1, C)

    def check_input(self, x):
        if x.ndim != self.ndim:
            raise ValueError(f"x has shape {x.shape}: expected {self.ndim} dimensions "
                             f"(N, {', '.join(['spatial'] * (self.ndim - 2))}, C), channels last")

    def check_noise(self, noise):
        super().check_noise(noise)
        if noise.ndim != self.ndim:
            raise ValueError(f"noise has shape {noise.shape}: expected {self.ndim} dimensions")
        first = noise[(slice(None),) + (slice(0, 1),) * (self.ndim - 2)]  # (N, 1, ..., 1, C)
        split = (noise != first).any(axis=tuple(range(1, self.ndim - 1)))  # (N, C)
        if split.any():
            n, c = np.argwhere(split)[0]
            raise ValueError(f"noise is not constant over the spatial axes in {int(split.sum())} channel(s), "
                             f"e.g. sample {n}, channel {c}: expected whole channels kept or dropped")

    def mask(self, x, rng, noise):
        first = super().mask(x, rng, noise)[(slice(None),) + (slice(0, 1),) * (self.ndim - 2)]  # (N, 1, .., C)
        return np.broadcast_to(first, x.shape)                                                # (N, ..., C)
