"""Tanh <-> ``keras.layers.Activation("tanh")`` (tf.nn.tanh)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "tanh")
def build():
    return Built(keras.layers.Activation("tanh"))
