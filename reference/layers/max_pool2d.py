"""Max pooling over windows of (N, H, W, C) (``max_pool1d``: (N, L, C)), channels-last.

Forward:   y[n, i, j, c] = max over the window (a, b) of x_pad[n, i·s₁ + a, j·s₂ + b, c]
Backward:  the window's dy goes to one cell, its first maximum in window order (row-major: a, then b):
           dx[cell] = Σ over the windows whose first maximum is that cell of dy[window]
           (overlapping windows, s < k, accumulate). Both frameworks do this (torch MaxPool2d, Keras
           MaxPooling2D through TensorFlow's MaxPoolGrad), so a tie (equal values in a window) needs no option;
           ``global_max_pool2d`` is where they differ.

Shapes: x (N, *spatial, C); y (N, *out, C) with out and the padding of ``reference/layers/pooling.py``
(``padding="valid"`` or ``"same"``; padded cells are −inf). No parameters. The output is one of the inputs:
exact in every dtype.
"""
from __future__ import annotations

import numpy as np

from reference.layers.pooling import Pool, crop, pad, scatter, windows
from reference.registry import register


@register("layer", "max_pool2d")
class MaxPool2d(Pool):
    d = 2

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        p, _ = self.geometry(x.shape)
        xp = pad(x, p, -np.inf)                                     # (N, *spatial_pad, C)
        w = windows(xp, self.pool_size, self.strides)               # (N, *out, C, *pool)
        flat = w.reshape(*w.shape[:-self.d], -1)                    # (N, *out, C, K)
        first = flat.argmax(axis=-1)                                # (N, *out, C): the first maximum
        y = np.take_along_axis(flat, first[..., None], axis=-1)[..., 0]
        return y, (x.shape, xp.shape, p, first, x.dtype)

    def backward(self, dy, cache):
        x_shape, padded_shape, p, first, dtype = cache
        self.check_backward(dy, first.shape, dtype)
        k = int(np.prod(self.pool_size))
        onehot = np.arange(k) == first[..., None]                   # (N, *out, C, K)
        contrib = (dy[..., None] * onehot).reshape(*dy.shape, *self.pool_size)
        return crop(scatter(contrib, padded_shape, self.strides), p), {}
