"""Glorot normal <-> ``keras.initializers.VarianceScaling(gain², "fan_avg", ...)``.

Keras's GlorotNormal is the truncated form (std-corrected, std σ), so it is used for
``truncated=True, gain=1``; the reference default, untruncated, is VarianceScaling(...,
"untruncated_normal").
"""
import keras

from tf_impl.initializers.scaling import NORMAL
from tf_impl.registry import Built, register, variant


@register("initializer", "glorot_normal")
def build(gain=1.0, truncated=False):
    if truncated and gain == 1.0:
        return Built(keras.initializers.GlorotNormal())
    return Built(keras.initializers.VarianceScaling(scale=gain ** 2, mode="fan_avg", distribution=NORMAL[truncated]))


@variant("initializer", "glorot_normal", "truncated")
def build_truncated(gain=1.0, truncated=False):
    """keras.initializers.GlorotNormal() whatever the arguments: Keras's truncated form."""
    return Built(keras.initializers.GlorotNormal())
