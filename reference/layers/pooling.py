"""Shared window arithmetic of the pooling layers (max_pool1d/2d, average_pool1d/2d, global pools).

Inputs are channels-last (``reference.conventions.IMAGE_LAYOUT``): (N, L, C) for 1-D, (N, H, W, C) for 2-D;
d = the number of spatial axes. Per spatial axis of size n, window k, stride s (``POOLING_PADDING`` in
``reference/conventions.py``):

* ``padding="valid"``: out = ⌊(n − k)/s⌋ + 1 windows starting at 0, s, 2s, ... (needs n ≥ k);
* ``padding="same"`` (Keras, TensorFlow): out = ⌈n/s⌉, total padding p = max((out − 1)·s + k − n, 0), ⌊p/2⌋
  cells before and the rest after (the extra cell of an odd total goes at the end). torch's pooling takes a
  symmetric ``padding=`` int only: an odd total has no torch spelling (composed with ``F.pad``).

Padded cells hold −inf for max pooling (never the maximum) and are no cells for average pooling with
``divisor="input_cells"``; ``divisor="window_size"`` counts them as zeros (torch's count_include_pad=True).

``windows`` is ``sliding_window_view`` (no copy); ``scatter`` (col2im) adds each window's contribution back
to the cells it covers with one vectorized add per offset inside the window (k₁·k₂ adds, never a loop over
pixels): overlapping windows (s < k) accumulate.
"""
from __future__ import annotations

import itertools
from numbers import Integral

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from reference import validate
from reference.base import Module
from reference.conventions import same_padding

PADDINGS = ("valid", "same")


def tuple_arg(name: str, value, d: int) -> tuple[int, ...]:
    """An int ≥ 1 (the same on every spatial axis) or a tuple of d ints ≥ 1 (Keras and torch accept both)."""
    values = (value,) * d if isinstance(value, Integral) and not isinstance(value, bool) else value
    if not isinstance(values, (tuple, list)) or len(values) != d or any(
            isinstance(v, bool) or not isinstance(v, Integral) or v < 1 for v in values):
        raise ValueError(f"{name}={value!r} is not allowed: expected an integer >= 1 or a tuple of {d} integers >= 1")
    return tuple(int(v) for v in values)


def pads(spatial: tuple[int, ...], pool: tuple[int, ...], strides: tuple[int, ...], padding: str):
    """((before, after), ...) per spatial axis."""
    if padding == "valid":
        return tuple((0, 0) for _ in spatial)
    return tuple(same_padding(n, k, s) for n, k, s in zip(spatial, pool, strides))


def out_size(spatial, pool, strides, padding) -> tuple[int, ...]:
    return tuple((n + b + a - k) // s + 1 for n, k, s, (b, a) in zip(spatial, pool, strides,
                                                                      pads(spatial, pool, strides, padding)))


def pad(x: np.ndarray, p, value: float) -> np.ndarray:
    """x (N, *spatial, C) padded on its spatial axes with ``value``."""
    return np.pad(x, ((0, 0), *p, (0, 0)), constant_values=value)


def windows(xp: np.ndarray, pool, strides) -> np.ndarray:
    """(N, *out, C, *pool): every window of the padded input (a view)."""
    d = len(pool)
    w = sliding_window_view(xp, pool, axis=tuple(range(1, d + 1)))        # (N, *(n_pad − k + 1), C, *pool)
    return w[(slice(None), *(slice(None, None, s) for s in strides))]


def scatter(contrib: np.ndarray, padded_shape, strides) -> np.ndarray:
    """col2im: contrib (N, *out, C, *pool) added into an array of ``padded_shape`` (N, *spatial_pad, C)."""
    d = len(strides)
    out, pool = contrib.shape[1:1 + d], contrib.shape[-d:]
    dx = np.zeros(padded_shape, dtype=contrib.dtype)
    for offset in itertools.product(*(range(k) for k in pool)):           # k₁·k₂ vectorized adds
        cells = tuple(slice(o, o + s * (m - 1) + 1, s) for o, s, m in zip(offset, strides, out))
        dx[(slice(None), *cells)] += contrib[(Ellipsis, *offset)]
    return dx


def crop(xp: np.ndarray, p) -> np.ndarray:
    return xp[(slice(None), *(slice(b, xp.shape[i + 1] - a) for i, (b, a) in enumerate(p)))]


def check_rank(d: int, x):
    """x has the d spatial axes of a d-dimensional pooling, channels last."""
    if x.ndim != d + 2:
        layout = "(N, L, C)" if d == 1 else "(N, H, W, C)"
        raise ValueError(f"x has shape {x.shape}: expected {d + 2} dimensions {layout}")
    return x


class Pool(Module):
    """A windowed pooling layer over ``d`` spatial axes (``forward``/``backward`` in the subclasses)."""
    d = 2

    def __init__(self, pool_size=2, strides=None, padding: str = "valid"):
        self.pool_size = tuple_arg("pool_size", pool_size, self.d)
        self.strides = self.pool_size if strides is None else tuple_arg("strides", strides, self.d)
        self.padding = validate.choice("padding", padding, PADDINGS)

    def geometry(self, x_shape):
        """(pads, out) for an input of ``x_shape``, with its checks."""
        spatial = tuple(x_shape[1:-1])
        if self.padding == "valid" and any(n < k for n, k in zip(spatial, self.pool_size)):
            raise ValueError(f"x has shape {tuple(x_shape)}: padding='valid' needs every spatial size >= "
                             f"pool_size={self.pool_size}")
        return pads(spatial, self.pool_size, self.strides, self.padding), \
            out_size(spatial, self.pool_size, self.strides, self.padding)

    def output_shape(self, x_shape):
        return (x_shape[0], *self.geometry(x_shape)[1], x_shape[-1])

    def check_forward(self, x, params):
        return check_rank(self.d, super().check_forward(x, params))


class GlobalPool(Module):
    """Pooling over every spatial axis: (N, *spatial, C) → (N, C)."""
    d = 2

    def output_shape(self, x_shape):
        return (x_shape[0], x_shape[-1])

    def check_forward(self, x, params):
        return check_rank(self.d, super().check_forward(x, params))
