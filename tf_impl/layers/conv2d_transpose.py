"""conv2d_transpose <-> ``keras.layers.Conv2DTranspose`` on (N, H, W, C); kernel (kh, kw, F, C_in) ("swap_in_out").

"same" is Keras's own (TensorFlow's conv2d_transpose SAME: output H·s, the odd cropped pixel at the end), built with
Keras's default output_padding=None. "valid" passes output_padding explicitly: Keras's default None makes the output
H·s + max(k − s, 0), one row/column per missing tap longer than (H − 1)·s + k when k < s (variant
``default_output_padding``). Explicit padding p is ``Cropping2D(p)`` after a "valid" Conv2DTranspose with the
output_padding (a ``keras.Sequential``, the layer also kept as its attribute ``conv``): torch's crop of p on both
sides of the output extended by output_padding.
"""
import keras

from reference.layers.convolution import padding_arg
from tf_impl.registry import Built, Param, register, variant


def _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias, keras_default=False):
    padding = padding_arg(padding, 2)
    explicit = not isinstance(padding, str)
    if padding == "same" or keras_default:
        output_padding = None
    conv = keras.layers.Conv2DTranspose(filters, kernel_size, strides=strides, output_padding=output_padding,
                                        padding="valid" if explicit else padding, use_bias=use_bias)
    if explicit:
        module = keras.Sequential([conv, keras.layers.Cropping2D(padding)])
        module.conv, prefix = conv, "conv."
    else:
        module, prefix = conv, ""
    params = {"W": Param(prefix + "kernel", layout="swap_in_out")}
    if use_bias:
        params["b"] = Param(prefix + "bias")
    return Built(module, params)


@register("layer", "conv2d_transpose")
def build(in_channels, filters, kernel_size, strides=1, padding="valid", output_padding=0, use_bias=True):
    return _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias)


@variant("layer", "conv2d_transpose", "default_output_padding")
def build_default_output_padding(in_channels, filters, kernel_size, strides=1, padding="valid", output_padding=0,
                                 use_bias=True):
    """Keras's default output_padding=None (the output length Keras infers)."""
    return _built(in_channels, filters, kernel_size, strides, padding, output_padding, use_bias, keras_default=True)
