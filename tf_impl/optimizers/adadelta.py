"""Adadelta <-> ``keras.optimizers.Adadelta`` (the same formula; decoupled weight decay).

``rho`` is passed as a Python float: Keras uses it raw (``rho * accumulated_grad``, never
``ops.cast``), so it stays exact in float64, while an np.float64 on the left of ``*`` makes NumPy
call the variable's ``__array__``, which fails inside ``tf.function`` and ``fit``
(NotImplementedError: numpy() is only available when eager execution is enabled)."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "adadelta")
def build(learning_rate=1.0, rho=0.95, epsilon=1e-6, weight_decay=0.0, weight_decay_mode="coupled"):
    def construct(h, **extra):
        return keras.optimizers.Adadelta(learning_rate=h(learning_rate), rho=float(rho), epsilon=h(epsilon),
                                         weight_decay=weight_decay_arg(h, weight_decay), **extra)
    state = {"square_avg": "_accumulated_grads", "delta_avg": "_accumulated_delta_vars"}
    return Built(KerasOptimizer(construct, state=state, fixed=decoupled_only(weight_decay)))


@variant("optimizer", "adadelta", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
