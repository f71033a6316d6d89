"""Global max pooling: the maximum over every spatial position, (N, H, W, C) → (N, C)
(``global_max_pool1d``: (N, L, C) → (N, C)).

Forward:   y[n, c] = max_{h, w} x[n, h, w, c]
Backward:  ``ties`` says where dy[n, c] goes when the maximum is taken at several positions:
             "first"  all of it to the first maximum in row-major order (h, then w): torch
                      ``nn.AdaptiveMaxPool2d(1)``, and a windowed max pool over the whole image (Keras
                      ``MaxPooling2D(pool_size=(H, W))``);
             "split"  dy / m to each of the m tied maxima: Keras ``GlobalMaxPooling2D`` (``ops.max``, TensorFlow's
                      reduce_max gradient) and torch's ``x.amax((2, 3))``.
           Without ties the two agree. Shapes: x (N, *spatial, C), y (N, C). Exact in every dtype (a division
           by m only at ties).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.conventions import GLOBAL_MAX_TIES
from reference.layers.pooling import GlobalPool
from reference.registry import register

TIES = GLOBAL_MAX_TIES


@register("layer", "global_max_pool2d")
class GlobalMaxPool2d(GlobalPool):
    d = 2

    def __init__(self, ties: str = "first"):
        self.ties = validate.choice("ties", ties, TIES)

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        flat = x.reshape(x.shape[0], -1, x.shape[-1])               # (N, M, C), positions row-major
        y = flat.max(axis=1)                                        # (N, C)
        if self.ties == "first":
            route = np.arange(flat.shape[1])[None, :, None] == flat.argmax(axis=1)[:, None, :]
            route = route.astype(x.dtype)
        else:
            tied = flat == y[:, None, :]
            route = tied / tied.sum(axis=1, keepdims=True).astype(x.dtype)
        return y, (x.shape, route, x.dtype)                        # route (N, M, C): each position's share

    def backward(self, dy, cache):
        x_shape, route, dtype = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        return (route * dy[:, None, :]).reshape(x_shape), {}
