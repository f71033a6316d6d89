"""Abs <-> ``keras.ops.abs`` (no Keras layer or activation), in an Activation layer."""
import keras

from tf_impl.registry import Built, register


@register("activation", "abs", note="keras.ops.abs wrapped in keras.layers.Activation (no Abs layer)")
def build():
    return Built(keras.layers.Activation(keras.ops.abs))
