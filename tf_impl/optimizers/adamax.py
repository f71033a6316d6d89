"""Adamax <-> ``keras.optimizers.Adamax`` (ε in the denominator; decoupled weight decay)."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "adamax")
def build(learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, weight_decay=0.0, weight_decay_mode="coupled",
          epsilon_placement="in_max"):
    def construct(h, **extra):
        return keras.optimizers.Adamax(learning_rate=h(learning_rate), beta_1=h(beta_1), beta_2=h(beta_2),
                                       epsilon=h(epsilon), weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {**({"epsilon_placement": "in_denominator"} if epsilon else {}), **decoupled_only(weight_decay)}
    return Built(KerasOptimizer(construct, state={"m": "_m", "u": "_u"}, fixed=fixed))


@variant("optimizer", "adamax", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
