"""Batch normalization of images: ``batch_norm`` restricted to x of shape (N, H, W, C).

The formula, state and options are ``reference/layers/batch_norm.py``'s: each channel c is normalized over
the N·H·W values that share it. Images are channels-last (``reference.conventions.IMAGE_LAYOUT``);
torch's ``BatchNorm2d`` takes (N, C, H, W), Keras's ``BatchNormalization`` either (``axis=-1`` on
(N, H, W, C), ``axis=1`` on (N, C, H, W)).
"""
from __future__ import annotations

from reference.layers.batch_norm import BatchNorm
from reference.registry import register


@register("layer", "batch_norm_2d")
class BatchNorm2d(BatchNorm):
    ndim = 4
