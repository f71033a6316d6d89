"""ELU <-> ``keras.layers.ELU`` (alpha multiplies a tensor of x's dtype: exact in float64)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "elu")
def build(alpha=1.0):
    return Built(keras.layers.ELU(alpha=alpha))
