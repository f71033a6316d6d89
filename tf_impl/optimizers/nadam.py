"""Nadam <-> ``keras.optimizers.Nadam`` (ψ = 1 hard-coded, no ``momentum_decay`` argument;
decoupled weight decay). Its μ_t rounds 0.96 through float32 while its Π_t does not
(``keras/src/optimizers/nadam.py`` ``update_step`` vs ``_backend_update_step``): nothing maps that."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, hyper, weight_decay_arg
from tf_impl.registry import Built, register


@register("optimizer", "nadam")
def build(learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, momentum_decay=4e-3, weight_decay=0.0,
          weight_decay_mode="coupled", *, python_floats=False):
    h = hyper(python_floats)

    def make(**extra):
        return keras.optimizers.Nadam(learning_rate=h(learning_rate), beta_1=h(beta_1), beta_2=h(beta_2),
                                      epsilon=h(epsilon), weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {"momentum_decay": 1.0, **decoupled_only(weight_decay)}
    return Built(KerasOptimizer(make, state={"m": "_momentums", "v": "_velocities"},
                                scalars={"mu_product": "_u_product"}, fixed=fixed))
