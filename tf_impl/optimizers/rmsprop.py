"""RMSprop <-> ``keras.optimizers.RMSprop`` (ε inside the square root; momentum_form "step";
decoupled weight decay)."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "rmsprop")
def build(learning_rate=0.01, rho=0.99, epsilon=1e-8, momentum=0.0, centered=False, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="outside_sqrt", momentum_form="gradient"):
    def construct(h, **extra):
        return keras.optimizers.RMSprop(learning_rate=h(learning_rate), rho=h(rho), momentum=h(momentum),
                                        epsilon=h(epsilon), centered=centered,
                                        weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {**({"epsilon_placement": "inside_sqrt"} if epsilon else {}),
             **({"momentum_form": "step"} if momentum else {}), **decoupled_only(weight_decay)}
    state = {"square_avg": "_velocities", "grad_avg": "_average_gradients", "momentum": "_momentums"}
    return Built(KerasOptimizer(construct, state=state, fixed=fixed))


@variant("optimizer", "rmsprop", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
