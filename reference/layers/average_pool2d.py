"""Average pooling over windows of (N, H, W, C) (``average_pool1d``: (N, L, C)), channels-last.

Forward:   y[n, i, j, c] = (1/D) Σ over the window (a, b) of x_pad[n, i·s₁ + a, j·s₂ + b, c]   (padded cells 0)
           D = ``divisor``:
             "input_cells"  the window's cells inside the input (Keras AveragePooling2D, whose "same" padding
                            excludes the padded cells; torch count_include_pad=False);
             "window_size"  k₁·k₂ whatever the padding (torch's default count_include_pad=True).
           With padding="valid" every window lies inside the input and the two agree.
Backward:  dx[cell] = Σ over the windows covering the cell of dy[window] / D[window]
           (overlapping windows, s < k, accumulate)

Shapes: x (N, *spatial, C); y (N, *out, C) (``reference/layers/pooling.py``). No parameters. In float32 the
forward is a sum of k₁·k₂ terms and the input gradient a sum over the overlapping windows: their rounding
bounds are ``conformance/bounds.py``'s ``average_pool``.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.conventions import POOLING_DIVISORS
from reference.layers.pooling import Pool, crop, pad, scatter, windows
from reference.registry import register

DIVISORS = POOLING_DIVISORS


@register("layer", "average_pool2d")
class AveragePool2d(Pool):
    d = 2

    def __init__(self, pool_size=2, strides=None, padding: str = "valid", divisor: str = "input_cells"):
        super().__init__(pool_size, strides, padding)
        self.divisor = validate.choice("divisor", divisor, DIVISORS)

    def divisors(self, x_shape, dtype) -> np.ndarray:
        """D per window, broadcastable to y: (1, *out, 1)."""
        p, _ = self.geometry(x_shape)
        if self.divisor == "window_size":
            return np.asarray(np.prod(self.pool_size), dtype=dtype)
        ones = pad(np.ones((1, *x_shape[1:-1], 1), dtype=dtype), p, 0)
        return windows(ones, self.pool_size, self.strides).sum(axis=tuple(range(-self.d, 0)))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        p, _ = self.geometry(x.shape)
        xp = pad(x, p, 0)                                           # (N, *spatial_pad, C)
        sums = windows(xp, self.pool_size, self.strides).sum(axis=tuple(range(-self.d, 0)))   # (N, *out, C)
        count = self.divisors(x.shape, x.dtype)
        return sums / count, (x.shape, xp.shape, p, count, x.dtype)

    def backward(self, dy, cache):
        x_shape, padded_shape, p, count, dtype = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        share = dy / count                                          # (N, *out, C)
        contrib = np.broadcast_to(share.reshape(*share.shape, *(1,) * self.d), (*share.shape, *self.pool_size))
        return crop(scatter(contrib, padded_shape, self.strides), p), {}
