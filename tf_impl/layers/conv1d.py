"""conv1d <-> ``keras.layers.Conv1D`` on (N, L, C); kernel (k, C/groups, F) as the reference's. Explicit padding:
``ZeroPadding1D`` then a "valid" Conv1D (``tf_impl/layers/convolution.py``)."""
import keras

from tf_impl.layers.convolution import built
from tf_impl.registry import register


@register("layer", "conv1d")
def build(in_channels, filters, kernel_size, strides=1, padding="valid", dilation=1, groups=1, use_bias=True):
    return built(keras.layers.Conv1D, 1, in_channels, filters, kernel_size, strides, padding, dilation, groups,
                 use_bias)
