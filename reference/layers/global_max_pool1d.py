"""Global max pooling of sequences, (N, L, C) → (N, C): y[n, c] = max_l x[n, l, c]; ``ties`` "first" (torch
``nn.AdaptiveMaxPool1d(1)``) or "split" (Keras ``GlobalMaxPooling1D``), as ``global_max_pool2d``."""
from __future__ import annotations

from reference.layers.global_max_pool2d import GlobalMaxPool2d
from reference.registry import register


@register("layer", "global_max_pool1d")
class GlobalMaxPool1d(GlobalMaxPool2d):
    d = 1
