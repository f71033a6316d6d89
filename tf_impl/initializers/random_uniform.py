"""Random uniform <-> ``keras.initializers.RandomUniform`` (Keras default [−0.05, 0.05))."""
import keras

from tf_impl.registry import Built, register


@register("initializer", "random_uniform")
def build(low=0.0, high=1.0, *, native=False):
    """``native=True``: Keras's defaults, RandomUniform(minval=-0.05, maxval=0.05)."""
    if native:
        return Built(keras.initializers.RandomUniform())
    return Built(keras.initializers.RandomUniform(minval=low, maxval=high))
