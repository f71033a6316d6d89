"""Global average pooling of sequences <-> ``keras.layers.GlobalAveragePooling1D()`` on (N, L, C) → (N, C)."""
import keras

from tf_impl.registry import Built, register


@register("layer", "global_average_pool1d")
def build():
    return Built(keras.layers.GlobalAveragePooling1D(data_format="channels_last"))
