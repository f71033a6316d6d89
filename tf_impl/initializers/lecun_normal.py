"""LeCun normal <-> ``keras.initializers.VarianceScaling(1, "fan_in", ...)``; Keras's LecunNormal is
the truncated form, used for ``truncated=True``."""
import keras

from tf_impl.initializers.scaling import NORMAL
from tf_impl.registry import Built, register


@register("initializer", "lecun_normal")
def build(truncated=False, *, native=False):
    """``native=True``: keras.initializers.LecunNormal() (truncated)."""
    if native or truncated:
        return Built(keras.initializers.LecunNormal())
    return Built(keras.initializers.VarianceScaling(scale=1.0, mode="fan_in", distribution=NORMAL[truncated]))
