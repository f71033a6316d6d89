"""Max-norm constraint <-> ``keras.constraints.MaxNorm(max_value, axis)`` as a Dense kernel's constraint;
the optimizer applies it after each update (keras/src/optimizers/base_optimizer.py, apply).

MaxNorm computes w · clip(n, 0, max_value) / (ε + n) for every unit, ε = keras.config.epsilon():
the reference's rescale="all" with that ε, declared as ``fixed`` (ε read from the Keras
configuration at build time: what MaxNorm will use).
"""
import keras

from tf_impl.registry import Built, register
from tf_impl.regularizers.base import KerasConstraint


@register("regularizer", "max_norm")
def build(max_value=2.0, axis=0, epsilon=0.0, rescale="over_max"):
    """``epsilon``, ``rescale``: MaxNorm has neither; accepted, not passed, declared in ``fixed``."""
    constraint = keras.constraints.MaxNorm(max_value=max_value, axis=list(axis) if isinstance(axis, tuple) else axis)
    return Built(KerasConstraint(constraint, fixed={"epsilon": keras.config.epsilon(), "rescale": "all"}))
