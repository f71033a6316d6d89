"""He normal <-> ``keras.initializers.VarianceScaling(2/(1+a²), mode, ...)``.

Keras's HeNormal is VarianceScaling(2, "fan_in", "truncated_normal"): the truncated form, used
for ``truncated=True`` with a = 0 and fan_in; the reference default is untruncated.
"""
import keras

from tf_impl.initializers.scaling import NORMAL
from tf_impl.registry import Built, register, variant


@register("initializer", "he_normal")
def build(negative_slope=0.0, mode="fan_in", truncated=False):
    if truncated and negative_slope == 0.0 and mode == "fan_in":
        return Built(keras.initializers.HeNormal())
    return Built(keras.initializers.VarianceScaling(scale=2.0 / (1.0 + negative_slope ** 2), mode=mode,
                                                    distribution=NORMAL[truncated]))


@variant("initializer", "he_normal", "truncated")
def build_truncated(negative_slope=0.0, mode="fan_in", truncated=False):
    """keras.initializers.HeNormal() whatever the arguments: Keras's truncated form."""
    return Built(keras.initializers.HeNormal())
