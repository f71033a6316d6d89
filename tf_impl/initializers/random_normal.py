"""Random normal <-> ``keras.initializers.RandomNormal`` (Keras default stddev 0.05)."""
import keras

from tf_impl.registry import Built, register, variant


@register("initializer", "random_normal")
def build(mean=0.0, std=1.0):
    return Built(keras.initializers.RandomNormal(mean=mean, stddev=std))


@variant("initializer", "random_normal", "keras_default")
def build_keras_default(mean=0.0, std=1.0):
    """No arguments given: Keras's defaults, RandomNormal(mean=0.0, stddev=0.05)."""
    return Built(keras.initializers.RandomNormal())
