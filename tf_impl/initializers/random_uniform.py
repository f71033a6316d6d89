"""Random uniform <-> ``keras.initializers.RandomUniform`` (Keras default [−0.05, 0.05))."""
import keras

from tf_impl.registry import Built, register, variant


@register("initializer", "random_uniform")
def build(low=0.0, high=1.0):
    return Built(keras.initializers.RandomUniform(minval=low, maxval=high))


@variant("initializer", "random_uniform", "keras_default")
def build_keras_default(low=0.0, high=1.0):
    """No arguments given: Keras's defaults, RandomUniform(minval=-0.05, maxval=0.05)."""
    return Built(keras.initializers.RandomUniform())
