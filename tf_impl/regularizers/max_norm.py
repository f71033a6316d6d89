"""Max-norm constraint <-> ``keras.constraints.MaxNorm(max_value, axis)`` as a Dense ``kernel_constraint``;
the optimizer applies it after each update (keras/src/optimizers/base_optimizer.py, apply).

MaxNorm computes w · clip(n, 0, max_value) / (ε + n) for every unit, ε = keras.config.epsilon():
the reference's rescale="all" with that ε. The reference's default (0.0, "over_max") is
accepted and mapped by conformance/divergences/regularizers.py; anything else raises.
"""
import keras

from tf_impl.registry import Built, register

KERAS_RESCALE = "all"


@register("regularizer", "max_norm")
def build(max_value=2.0, axis=0, epsilon=0.0, rescale="over_max"):
    if (epsilon, rescale) not in ((0.0, "over_max"), (keras.config.epsilon(), KERAS_RESCALE)):
        raise ValueError(f"epsilon={epsilon!r}, rescale={rescale!r} is not allowed: Keras MaxNorm computes "
                         f"epsilon={keras.config.epsilon()}, rescale={KERAS_RESCALE!r}")
    return Built(keras.constraints.MaxNorm(max_value=max_value, axis=list(axis) if isinstance(axis, tuple) else axis))
