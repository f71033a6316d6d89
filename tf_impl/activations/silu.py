"""SiLU <-> ``keras.layers.Activation("silu")`` (tf.nn.silu)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "silu")
def build():
    return Built(keras.layers.Activation("silu"))
