"""conv2d <-> ``keras.layers.Conv2D`` on (N, H, W, C); kernel (kh, kw, C/groups, F) as the reference's. Explicit
padding: ``ZeroPadding2D`` then a "valid" Conv2D (``tf_impl/layers/convolution.py``)."""
import keras

from tf_impl.layers.convolution import built
from tf_impl.registry import register


@register("layer", "conv2d")
def build(in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1, use_bias=True):
    return built(keras.layers.Conv2D, 2, in_channels, filters, kernel_size, strides, padding, dilation, groups,
                 use_bias)
