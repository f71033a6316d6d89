"""Glorot uniform <-> ``keras.initializers.GlorotUniform`` (gain 1) or VarianceScaling(gain², "fan_avg", "uniform")."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "glorot_uniform")
def build(gain=1.0):
    if gain == 1.0:
        return Built(keras.initializers.GlorotUniform())
    return Built(keras.initializers.VarianceScaling(scale=gain ** 2, mode="fan_avg", distribution="uniform"))
