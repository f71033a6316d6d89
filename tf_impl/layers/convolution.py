"""Shared by the Keras convolution builders (conv1d, conv2d): ``keras.layers.Conv1D``/``Conv2D`` on channels-last
input, kernel (*k, C/groups, F) as the reference's.

Keras's padding is "valid" or "same" (TensorFlow's SAME, any stride). Explicit padding p is what Keras users write as
``ZeroPadding1D/2D(p)`` before a "valid" convolution: a ``keras.Sequential`` whose convolution is also kept as its
attribute ``conv`` (so the kernel is at "conv.kernel").
"""
from __future__ import annotations

import keras

from reference.layers.convolution import padding_arg
from tf_impl.registry import Built, Param

ZERO_PADDING = {1: keras.layers.ZeroPadding1D, 2: keras.layers.ZeroPadding2D}


def built(cls, rank, in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1,
          use_bias=True) -> Built:
    padding = padding_arg(padding, rank)
    explicit = not isinstance(padding, str)
    conv = cls(filters, kernel_size, strides=strides, padding="valid" if explicit else padding,
               dilation_rate=dilation, groups=groups, use_bias=use_bias)
    if explicit:
        module = keras.Sequential([ZERO_PADDING[rank](padding[0] if rank == 1 else padding), conv])
        module.conv, prefix = conv, "conv."
    else:
        module, prefix = conv, ""
    params = {"W": Param(prefix + "kernel")}
    if use_bias:
        params["b"] = Param(prefix + "bias")
    return Built(module, params)
