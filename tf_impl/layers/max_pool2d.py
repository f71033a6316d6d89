"""Max pooling <-> ``keras.layers.MaxPooling2D(pool_size, strides, padding)`` on (N, H, W, C), as the reference.
TensorFlow's MaxPoolGrad routes a window's gradient to its first maximum, as the reference."""
import keras

from tf_impl.registry import Built, register


@register("layer", "max_pool2d")
def build(pool_size=2, strides=None, padding="valid"):
    return Built(keras.layers.MaxPooling2D(pool_size, strides, padding=padding, data_format="channels_last"))
