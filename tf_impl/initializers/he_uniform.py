"""He uniform <-> ``keras.initializers.HeUniform`` (a = 0, fan_in) or VarianceScaling(2/(1+a²), mode, "uniform")."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "he_uniform")
def build(negative_slope=0.0, mode="fan_in"):
    if negative_slope == 0.0 and mode == "fan_in":
        return Built(keras.initializers.HeUniform())
    return Built(keras.initializers.VarianceScaling(scale=2.0 / (1.0 + negative_slope ** 2), mode=mode,
                                                    distribution="uniform"))
