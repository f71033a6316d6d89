"""LeCun normal <-> ``keras.initializers.VarianceScaling(1, "fan_in", ...)``; Keras's LecunNormal is
the truncated form, used for ``truncated=True``."""
import keras

from tf_impl.initializers.scaling import NORMAL
from tf_impl.registry import Built, register, variant


@register("initializer", "lecun_normal")
def build(truncated=False):
    if truncated:
        return Built(keras.initializers.LecunNormal())
    return Built(keras.initializers.VarianceScaling(scale=1.0, mode="fan_in", distribution=NORMAL[truncated]))


@variant("initializer", "lecun_normal", "truncated")
def build_truncated(truncated=False):
    """keras.initializers.LecunNormal() whatever the argument: Keras's truncated form."""
    return Built(keras.initializers.LecunNormal())
