"""Spatial dropout over images (Tompson et al., 2015): whole feature maps are dropped.

Training:    m ~ Bernoulli(1 − p), one per (sample, channel), the same at every pixel
             (the ``noise``: a boolean keep-mask of x's shape, constant over H and W)
Forward:     y[n, h, w, c] = x[n, h, w, c] · m[n, c] / (1 − p)
Backward:    dx[n, h, w, c] = dy[n, h, w, c] · m[n, c] / (1 − p)
Evaluation:  y = x,  dx = dy

Shapes: x, m, y (N, H, W, C), channels last (Keras's ``SpatialDropout2D`` with
data_format="channels_last"; torch's ``nn.Dropout2d`` takes (N, C, H, W), and the runner moves the
channel axis). The formulas are ``Dropout``'s (reference/layers/dropout.py); only the draw differs.
"""
from __future__ import annotations

from reference.layers.dropout import ChannelDropout
from reference.registry import register


@register("layer", "spatial_dropout2d")
class SpatialDropout2D(ChannelDropout):
    ndim = 4
