"""Max pooling over windows of sequences (N, L, C): ``max_pool2d``'s formula with one spatial axis.

Forward:   y[n, i, c] = max over a < k of x_pad[n, i·s + a, c]
Backward:  each window's dy goes to its first maximum (the lowest a); overlapping windows accumulate.
Shapes: x (N, L, C), y (N, L_out, C) (``reference/layers/pooling.py``).
"""
from __future__ import annotations

from reference.layers.max_pool2d import MaxPool2d
from reference.registry import register


@register("layer", "max_pool1d")
class MaxPool1d(MaxPool2d):
    d = 1
