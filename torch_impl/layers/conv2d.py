"""conv2d <-> ``torch.nn.Conv2d`` on (N, C, H, W) (``input_layout="channels_first"``); weight (F, C/groups, kh, kw)
("out_in"). padding="same" with a stride > 1 is composed (``torch_impl/layers/convolution.py``)."""
import torch

from torch_impl.layers.convolution import built
from torch_impl.registry import register, variant


@register("layer", "conv2d")
def build(in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1, use_bias=True):
    return built(torch.nn.Conv2d, 2, in_channels, filters, kernel_size, strides, padding, dilation, groups, use_bias)


@variant("layer", "conv2d", "symmetric_same")
def build_symmetric_same(in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1,
                         use_bias=True):
    """"same" ported by hand as torch users write it for a strided convolution: padding=(k − 1)·d // 2 each side."""
    return built(torch.nn.Conv2d, 2, in_channels, filters, kernel_size, strides, padding, dilation, groups, use_bias,
                 symmetric_same=True)
