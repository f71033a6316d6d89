"""Random normal <-> ``keras.initializers.RandomNormal`` (Keras default stddev 0.05)."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "random_normal")
def build(mean=0.0, std=1.0, *, native=False):
    """``native=True``: Keras's defaults, RandomNormal(mean=0.0, stddev=0.05)."""
    if native:
        return Built(keras.initializers.RandomNormal())
    return Built(keras.initializers.RandomNormal(mean=mean, stddev=std))
