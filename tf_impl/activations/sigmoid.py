"""Sigmoid <-> ``keras.layers.Activation("sigmoid")`` (tf.nn.sigmoid)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "sigmoid")
def build():
    return Built(keras.layers.Activation("sigmoid"))
