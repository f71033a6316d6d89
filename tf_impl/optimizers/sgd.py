"""SGD <-> ``keras.optimizers.SGD`` (momentum_form "step", decoupled weight decay).

Keras has no dampening: ``learning_rate·(1 − dampening)`` is passed instead, which is the
reference's "step" form with dampening, v = μv − η(1 − d)g. That rescaling would also scale the
decoupled weight decay and any schedule, so dampening with either raises.
"""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "sgd")
def build(learning_rate=0.01, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0,
          weight_decay_mode="coupled", momentum_form="gradient"):
    if dampening and (weight_decay or not isinstance(learning_rate, (int, float))):
        raise ValueError(f"dampening={dampening!r} is not allowed with weight decay or a schedule: Keras has no "
                         "dampening, and the learning_rate·(1 − dampening) mapping would rescale them too")
    lr = learning_rate * (1 - dampening) if dampening else learning_rate

    def construct(h, **extra):
        return keras.optimizers.SGD(learning_rate=h(lr), momentum=h(momentum), nesterov=nesterov,
                                    weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {**({"momentum_form": "step"} if momentum else {}), **decoupled_only(weight_decay)}
    return Built(KerasOptimizer(construct, state={"momentum": "momentums"}, fixed=fixed))


@variant("optimizer", "sgd", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
