"""Cases for the convolution layers: conv1d, conv2d, conv2d_transpose (small inputs: the suite stays fast).

Non-square kernels and inputs (H ≠ W, kh ≠ kw) show a swapped spatial axis as wrong values, not as a shape error.
"""
from conformance.case import Case
from conformance.inputs import normal

IMAGE = normal(2, 7, 7, 3)


def _conv2d(desc, note="", x=IMAGE, **kwargs):
    return Case("conv2d", "layer", {"x": x}, {"in_channels": x.shape[-1], "filters": 4, "kernel_size": 3, **kwargs},
                desc=desc, note=note)


def _conv1d(desc, note="", x=normal(2, 9, 3), **kwargs):
    return Case("conv1d", "layer", {"x": x}, {"in_channels": x.shape[-1], "filters": 4, "kernel_size": 3, **kwargs},
                desc=desc, note=note)


def _transpose(desc, note="", x=normal(2, 4, 5, 3), **kwargs):
    return Case("conv2d_transpose", "layer", {"x": x},
                {"in_channels": x.shape[-1], "filters": 2, "kernel_size": 3, **kwargs}, desc=desc, note=note)


CASES = [
    _conv2d("default", note="valid padding, stride 1"),
    _conv2d("stride2", strides=2),
    _conv2d("rectangular", x=normal(2, 7, 6, 3), kernel_size=(2, 3), strides=(2, 1),
            note="kh ≠ kw, H ≠ W, strides differ per axis: a swapped spatial axis shows as wrong values"),
    _conv2d("same_odd", padding="same"),
    _conv2d("same_even", padding="same", kernel_size=4,
            note="even kernel, stride 1: TensorFlow and torch both pad the odd pixel at the end"),
    _conv2d("same_stride2", x=normal(2, 8, 8, 3), padding="same", strides=2,
            note="even input at stride 2: SAME pads (0, 1), the odd pixel at the end (torch: composed F.pad)"),
    _conv2d("explicit_padding", padding=(1, 2), note="torch's padding ints; Keras ZeroPadding2D + valid Conv2D"),
    _conv2d("dilation2", dilation=2),
    _conv2d("groups2", x=normal(2, 7, 7, 4), filters=6, groups=2),
    _conv2d("depthwise", filters=6, groups=3, note="groups = in_channels, channel multiplier 2"),
    _conv2d("no_bias", use_bias=False),
    _conv1d("default"),
    _conv1d("same_stride2", x=normal(2, 10, 3), padding="same", strides=2,
            note="even length at stride 2: SAME pads (0, 1)"),
    _conv1d("dilation2_groups3", filters=6, dilation=2, groups=3, padding="same"),
    _conv1d("no_bias", kernel_size=2, use_bias=False, padding=1),
    _transpose("default", note="valid, stride 1: output (H + 2, W + 2)"),
    _transpose("stride2", strides=2),
    _transpose("stride2_same", strides=2, padding="same",
               note="k − s odd: TensorFlow crops the odd pixel at the end (torch: ConvTranspose2d then CropEnd)"),
    _transpose("stride2_same_even", strides=2, padding="same", kernel_size=(4, 2),
               note="k = 4: symmetric crop; k = 2 = s: no crop"),
    _transpose("padding_output_padding", strides=2, padding=1, output_padding=1,
               note="torch's explicit padding; Keras Conv2DTranspose(output_padding) + Cropping2D"),
    _transpose("kernel_lt_stride", kernel_size=2, strides=3, note="k < s: gaps between the scattered kernels"),
    _transpose("no_bias", use_bias=False, strides=(1, 2), kernel_size=(2, 3)),
]
