"""conv2d_transpose <-> ``torch.nn.ConvTranspose2d`` on (N, C, H, W) (``input_layout="channels_first"``); weight
(C_in, F, kh, kw) ("in_out").

Explicit padding and output_padding are torch's own. torch has no "same" for a transposed convolution: its padding p
crops p on both sides and output_padding extends the end, while TensorFlow's SAME crops total = max(k − s, 0) with the
odd one at the end. The builder gives ConvTranspose2d padding = total // 2 and output_padding = s − k + 2·(total // 2)
when that is ≥ 0 (total even, or k < s), and otherwise crops the one extra row/column at the end after it
(``CropEnd`` in an ``nn.Sequential``, the kernel then at "0.weight"). The variant ``symmetric_crop`` is the usual torch
port of "same" upsampling instead: padding=(k − 1)//2, output_padding=s − k + 2·((k − 1)//2) (k = 3, s = 2: padding=1,
output_padding=1), one pixel off TensorFlow's where k − s is odd.
"""
import torch

from reference.layers.convolution import padding_arg, spatial_tuple
from torch_impl.registry import Built, Param, register, variant


class CropEnd(torch.nn.Module):
    """Drops ``crop[i]`` rows/columns at the end of spatial axis i."""

    def __init__(self, crop):
        super().__init__()
        self.crop = crop

    def forward(self, y):
        return y[(Ellipsis, *(slice(0, y.shape[2 + i] - c) for i, c in enumerate(self.crop)))]


def _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias, symmetric_crop=False):
    kernel, strides = spatial_tuple("kernel_size", kernel_size, 2, 1), spatial_tuple("strides", strides, 2, 1)
    output_padding = spatial_tuple("output_padding", output_padding, 2, 0)
    padding, crop = padding_arg(padding, 2), (0, 0)
    if padding == "valid":
        padding = (0, 0)
    elif padding == "same":
        before = tuple(max(k - s, 0) // 2 for k, s in zip(kernel, strides))
        if symmetric_crop:
            before = tuple((k - 1) // 2 for k in kernel)
        output_padding = tuple(s - k + 2 * p for k, s, p in zip(kernel, strides, before))
        crop = tuple(max(-op, 0) for op in output_padding)                  # TF's odd pixel at the end
        padding, output_padding = before, tuple(max(op, 0) for op in output_padding)
    conv = torch.nn.ConvTranspose2d(in_channels, filters, kernel, stride=strides, padding=padding,
                                    output_padding=output_padding, bias=use_bias)
    module, prefix = (conv, "") if not any(crop) else (torch.nn.Sequential(conv, CropEnd(crop)), "0.")
    params = {"W": Param(prefix + "weight", layout="in_out")}
    if use_bias:
        params["b"] = Param(prefix + "bias")
    return Built(module, params, input_layout="channels_first")


@register("layer", "conv2d_transpose")
def build(in_channels, filters, kernel_size, strides=1, padding="valid", output_padding=0, use_bias=True):
    return _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias)


@variant("layer", "conv2d_transpose", "symmetric_crop")
def build_symmetric_crop(in_channels, filters, kernel_size, strides=1, padding="valid", output_padding=0,
                         use_bias=True):
    """"same" as torch users port it: padding=(k − 1)//2 with the matching output_padding (crops the odd pixel at
    the start where TensorFlow crops it at the end)."""
    return _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias, symmetric_crop=True)
