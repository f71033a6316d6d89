"""LeCun uniform <-> ``keras.initializers.LecunUniform``."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "lecun_uniform")
def build():
    return Built(keras.initializers.LecunUniform())
