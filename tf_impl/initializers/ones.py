"""Ones <-> ``keras.initializers.Ones``."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "ones")
def build():
    return Built(keras.initializers.Ones())
