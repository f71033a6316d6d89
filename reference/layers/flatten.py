"""Flatten: every axis but the batch axis into one, (N, H, W, C) → (N, H·W·C).

Element order (``reference.conventions.FLATTEN_ORDER``), for x of shape (N, *spatial, C):

* ``order="channels_last"`` (default): as the channels-last array is stored, channels fastest:
  feature (h·W + w)·C + c holds x[n, h, w, c]. Keras ``Flatten()`` on (N, H, W, C), and Keras
  ``Flatten(data_format="channels_first")`` on (N, C, H, W) (it moves the channels last first).
* ``order="channels_first"``: spatial positions fastest: feature (c·H + h)·W + w holds x[n, h, w, c]. torch
  ``nn.Flatten()`` on (N, C, H, W), the torch idiom.

The two orders hold the same values, permuted (``permutation``): a Dense layer after the flatten sees
its input rows permuted, so weights moved between the conventions must be permuted with them.

Forward:   y = reshape(x, (N, −1))             (channels_first: reshape(moveaxis(x, −1, 1), (N, −1)))
Backward:  dx = the inverse reshape (and move) of dy
A 2-D x (N, F) is returned as is.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.conventions import FLATTEN_ORDERS
from reference.registry import register


@register("layer", "flatten")
class Flatten(Module):
    def __init__(self, order: str = "channels_last"):
        self.order = validate.choice("order", order, FLATTEN_ORDERS)

    def output_shape(self, x_shape):
        return (x_shape[0], int(np.prod(x_shape[1:])))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if x.ndim < 2:
            raise ValueError(f"x has shape {x.shape}: expected at least 2 dimensions (N, ..., C)")
        stored = np.moveaxis(x, -1, 1) if self.order == "channels_first" else x   # (N, C, *spatial) or as is
        return stored.reshape(self.output_shape(x.shape)), (x.shape, x.dtype)

    def backward(self, dy, cache):
        x_shape, dtype = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        if self.order == "channels_first":
            dx = np.moveaxis(dy.reshape((x_shape[0], x_shape[-1], *x_shape[1:-1])), 1, -1)
        else:
            dx = dy.reshape(x_shape)
        return np.ascontiguousarray(dx), {}

    @staticmethod
    def permutation(sample_shape: tuple[int, ...], to: str = "channels_first") -> np.ndarray:
        """Indices p with flatten(x, order=to)[:, j] = flatten(x, order=channels_last)[:, p[j]] for x of
        shape (N, *sample_shape) (the last entry the channels). A Dense kernel W (F, out) written for the
        channels-last order serves the ``to`` order as W[p]."""
        validate.choice("to", to, FLATTEN_ORDERS)
        shape = validate.shape("sample_shape", sample_shape)
        index = np.arange(int(np.prod(shape))).reshape((1, *shape))
        return Flatten(order=to).forward(index.astype(np.float64), {})[0][0].astype(np.int64)
