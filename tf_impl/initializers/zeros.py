"""Zeros <-> ``keras.initializers.Zeros``."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "zeros")
def build():
    return Built(keras.initializers.Zeros())
