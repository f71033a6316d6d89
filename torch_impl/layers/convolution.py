"""Shared by the torch convolution builders (conv1d, conv2d): ``nn.Conv1d``/``nn.Conv2d`` on channels-first input.

The reference's arguments map one to one (``padding`` ints are torch's), except padding="same" with a stride > 1,
which torch refuses ("padding='same' is not supported for strided convolutions"). There the builder composes
TensorFlow's SAME the way torch users do (timm's ``Conv2dSame``): ``TFSamePad``, an ``F.pad`` sized from the input
at call time, then the convolution with padding=0. ``nn.Sequential`` numbers its children, so the kernel is at
"1.weight" then. The variant ``symmetric_same`` is the usual hand port instead: padding=(k − 1)·d // 2 on both sides.
"""
from __future__ import annotations

import torch

from reference.conventions import same_padding
from reference.layers.convolution import padding_arg, spatial_tuple
from torch_impl.registry import Built, Param


class TFSamePad(torch.nn.Module):
    """Zero padding for TensorFlow's SAME at stride s: total = max((⌈n/s⌉ − 1)·s + (k − 1)·d + 1 − n, 0) per
    spatial axis, total // 2 before, the rest after (``reference.conventions.same_padding``; Keras's native SAME
    checks the formula)."""

    def __init__(self, kernel, strides, dilation):
        super().__init__()
        self.kernel, self.strides, self.dilation = kernel, strides, dilation

    def forward(self, x):
        pads = [same_padding(n, k, s, d) for n, k, s, d in zip(x.shape[2:], self.kernel, self.strides, self.dilation)]
        flat = [p for pair in reversed(pads) for p in pair]       # F.pad: last axis first
        return torch.nn.functional.pad(x, flat)


def built(cls, rank, in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1,
          use_bias=True, symmetric_same=False) -> Built:
    kernel = spatial_tuple("kernel_size", kernel_size, rank, 1)
    strides = spatial_tuple("strides", strides, rank, 1)
    dilation = spatial_tuple("dilation", dilation, rank, 1)
    padding = padding_arg(padding, rank)
    pad_module = None
    if padding == "same" and symmetric_same:
        padding = tuple((k - 1) * d // 2 for k, d in zip(kernel, dilation))
    elif padding == "same" and any(s != 1 for s in strides):
        pad_module, padding = TFSamePad(kernel, strides, dilation), 0
    conv = cls(in_channels, filters, kernel, stride=strides, padding=padding, dilation=dilation, groups=groups,
               bias=use_bias)
    module, prefix = (conv, "") if pad_module is None else (torch.nn.Sequential(pad_module, conv), "1.")
    params = {"W": Param(prefix + "weight", layout="out_in")}
    if use_bias:
        params["b"] = Param(prefix + "bias")
    return Built(module, params, input_layout="channels_first")
