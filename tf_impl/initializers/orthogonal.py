"""Orthogonal <-> ``keras.initializers.Orthogonal`` (QR of a normal matrix with the sign fix, times gain;
the kernel is viewed as (∏ shape[:-1], shape[-1]), as the reference)."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "orthogonal")
def build(gain=1.0):
    return Built(keras.initializers.Orthogonal(gain=gain))
