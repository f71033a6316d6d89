"""Global average pooling: the mean over every spatial position, (N, H, W, C) → (N, C)
(``global_average_pool1d``: (N, L, C) → (N, C)).

Forward:   y[n, c] = (1/M) Σ_{h, w} x[n, h, w, c],   M = H·W
Backward:  dx[n, h, w, c] = dy[n, c] / M

torch: ``nn.AdaptiveAvgPool2d(1)`` then ``nn.Flatten()`` (or ``x.mean((2, 3))``); Keras
``GlobalAveragePooling2D()``. In float32 the forward is a sum of M terms (``conformance/bounds.py``).
"""
from __future__ import annotations

import numpy as np

from reference.layers.pooling import GlobalPool
from reference.registry import register


@register("layer", "global_average_pool2d")
class GlobalAveragePool2d(GlobalPool):
    d = 2

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        return x.mean(axis=tuple(range(1, self.d + 1))), (x.shape, x.dtype)

    def backward(self, dy, cache):
        x_shape, dtype = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        m = int(np.prod(x_shape[1:-1]))
        dx = np.broadcast_to((dy / dtype.type(m)).reshape(x_shape[0], *(1,) * self.d, x_shape[-1]), x_shape)
        return np.ascontiguousarray(dx), {}
