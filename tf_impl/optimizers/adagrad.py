"""Adagrad <-> ``keras.optimizers.Adagrad`` (ε inside the square root; decoupled weight decay).

The initial accumulator goes through ``initializers.Constant``: np.float64 keeps it exact."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "adagrad")
def build(learning_rate=0.01, initial_accumulator_value=0.0, epsilon=1e-10, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="outside_sqrt"):
    def construct(h, **extra):
        return keras.optimizers.Adagrad(learning_rate=h(learning_rate),
                                        initial_accumulator_value=h(initial_accumulator_value), epsilon=h(epsilon),
                                        weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {**({"epsilon_placement": "inside_sqrt"} if epsilon else {}), **decoupled_only(weight_decay)}
    return Built(KerasOptimizer(construct, state={"accumulator": "_accumulators"}, fixed=fixed))


@variant("optimizer", "adagrad", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
