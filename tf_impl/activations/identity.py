"""Identity <-> ``keras.layers.Identity``."""
import keras

from tf_impl.registry import Built, register


@register("activation", "identity")
def build():
    return Built(keras.layers.Identity())
