"""ReLU <-> ``keras.layers.ReLU``."""
import keras

from tf_impl.registry import Built, register


@register("activation", "relu")
def build():
    return Built(keras.layers.ReLU())
