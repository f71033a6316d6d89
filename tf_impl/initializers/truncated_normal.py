"""Truncated normal <-> ``keras.initializers.TruncatedNormal``: cut at mean ± 2·stddev, as the
reference; ``stddev`` is the parent normal's, so the entries' std is 0.88·stddev (no correction)."""
import keras

from tf_impl.registry import Built, register, variant


@register("initializer", "truncated_normal")
def build(mean=0.0, std=1.0):
    return Built(keras.initializers.TruncatedNormal(mean=mean, stddev=std))


@variant("initializer", "truncated_normal", "keras_default")
def build_keras_default(mean=0.0, std=1.0):
    """No arguments given: Keras's defaults, TruncatedNormal(mean=0.0, stddev=0.05)."""
    return Built(keras.initializers.TruncatedNormal())
