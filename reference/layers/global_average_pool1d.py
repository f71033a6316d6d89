"""Global average pooling of sequences, (N, L, C) → (N, C): y[n, c] = (1/L) Σ_l x[n, l, c],
dx[n, l, c] = dy[n, c] / L (``global_average_pool2d`` with one spatial axis). torch ``nn.AdaptiveAvgPool1d(1)``
then ``nn.Flatten()``; Keras ``GlobalAveragePooling1D()``."""
from __future__ import annotations

from reference.layers.global_average_pool2d import GlobalAveragePool2d
from reference.registry import register


@register("layer", "global_average_pool1d")
class GlobalAveragePool1d(GlobalAveragePool2d):
    d = 1
