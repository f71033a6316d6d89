"""Max pooling of sequences <-> ``keras.layers.MaxPooling1D(pool_size, strides, padding)`` on (N, L, C)."""
import keras

from tf_impl.registry import Built, register


@register("layer", "max_pool1d")
def build(pool_size=2, strides=None, padding="valid"):
    return Built(keras.layers.MaxPooling1D(pool_size, strides, padding=padding, data_format="channels_last"))
