"""Spatial dropout over sequences (Tompson et al., 2015): whole channels are dropped.

Training:    m ~ Bernoulli(1 − p), one per (sample, channel), the same at every step
             (the ``noise``: a boolean keep-mask of x's shape, constant along the steps)
Forward:     y[n, t, c] = x[n, t, c] · m[n, c] / (1 − p)
Backward:    dx[n, t, c] = dy[n, t, c] · m[n, c] / (1 − p)
Evaluation:  y = x,  dx = dy

Shapes: x, m, y (N, steps, C), channels last (Keras's ``SpatialDropout1D``; torch's ``nn.Dropout1d``
takes (N, C, L), and the runner moves the channel axis). The formulas are ``Dropout``'s
(reference/layers/dropout.py); only the draw differs.
"""
from __future__ import annotations

from reference.layers.dropout import ChannelDropout
from reference.registry import register


@register("layer", "spatial_dropout1d")
class SpatialDropout1D(ChannelDropout):
    ndim = 3
