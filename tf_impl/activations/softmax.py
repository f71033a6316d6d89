"""Softmax <-> ``keras.layers.Softmax(axis=axis)`` (``tf.nn.softmax``)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "softmax")
def build(axis=-1):
    return Built(keras.layers.Softmax(axis=axis))
