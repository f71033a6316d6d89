"""2-D convolution (cross-correlation) over images (N, H, W, C): Keras ``Conv2D``, torch ``nn.Conv2d``.

    y[n, h, w, f] = b[f] + Σ_{i, j, c} xp[n, h·s_h + i·d_h, w·s_w + j·d_w, g·Cg + c] · W[i, j, c, f]   (f in group g)

x (N, H, W, C), W (kh, kw, C/groups, F), b (F,), y (N, H_out, W_out, F), per axis
out = ⌊(size + p_before + p_after − (k − 1)·d − 1)/s⌋ + 1. Backward (``reference/layers/convolution.py``, im2col):
dW = colsᵀ dy (over every (n, h, w)), db = Σ dy, dx = the full correlation of the stride-spread dy with the
flipped kernel (in/out swapped), cropped by the padding. Padding "same" is TensorFlow's (the odd pixel at the end;
``reference.conventions`` block "Convolution"); groups = C is a depthwise convolution.
"""
from __future__ import annotations

from reference.layers.convolution import Convolution
from reference.registry import register


@register("layer", "conv2d")
class Conv2d(Convolution):
    rank = 2
