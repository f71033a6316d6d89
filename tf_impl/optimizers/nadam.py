"""Nadam <-> ``keras.optimizers.Nadam`` (ψ = 1 hard-coded, no ``momentum_decay`` argument;
decoupled weight decay). The μ of its step rounds 0.96 through float32 while its Π_t does not
(``keras/src/optimizers/nadam.py:109`` ``update_step`` vs ``:99`` ``_backend_update_step``): the
reference's ``mu_base = f32(0.96)``; it rounds β₁, β₂ to the variable's dtype before forming 1 − β
and 1 − β₂ᵗ (nadam.py:110-124): ``beta_rounding="in_dtype"``."""
import numpy as np
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant


@register("optimizer", "nadam")
def build(learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, momentum_decay=4e-3, weight_decay=0.0,
          weight_decay_mode="coupled", mu_base=0.96, beta_rounding="exact"):
    def construct(h, **extra):
        return keras.optimizers.Nadam(learning_rate=h(learning_rate), beta_1=h(beta_1), beta_2=h(beta_2),
                                      epsilon=h(epsilon), weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {"momentum_decay": 1.0, "mu_base": float(np.float32(0.96)), "beta_rounding": "in_dtype",
             **decoupled_only(weight_decay)}
    return Built(KerasOptimizer(construct, state={"m": "_momentums", "v": "_velocities"},
                                scalars={"mu_product": "_u_product"}, fixed=fixed))


@variant("optimizer", "nadam", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
