"""1-D convolution (cross-correlation) over sequences (N, L, C): Keras ``Conv1D``, torch ``nn.Conv1d``.

    y[n, l, f] = b[f] + Σ_{j, c} xp[n, l·s + j·d, g·Cg + c] · W[j, c, f]      (f in group g)

x (N, L, C), W (k, C/groups, F), b (F,), y (N, L_out, F), L_out = ⌊(L + p_before + p_after − (k − 1)·d − 1)/s⌋ + 1.
Backward (``reference/layers/convolution.py``): dW = colsᵀ dy, db = Σ dy, dx = the full correlation of the
stride-spread dy with the flipped kernel, cropped by the padding. Padding "same" is TensorFlow's (the odd pixel at
the end; ``reference.conventions`` block "Convolution").
"""
from __future__ import annotations

from reference.layers.convolution import Convolution
from reference.registry import register


@register("layer", "conv1d")
class Conv1d(Convolution):
    rank = 1
