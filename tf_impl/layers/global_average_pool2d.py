"""Global average pooling <-> ``keras.layers.GlobalAveragePooling2D()`` on (N, H, W, C) → (N, C)."""
import keras

from tf_impl.registry import Built, register


@register("layer", "global_average_pool2d")
def build():
    return Built(keras.layers.GlobalAveragePooling2D(data_format="channels_last"))
