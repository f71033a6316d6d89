"""AdamW <-> ``keras.optimizers.AdamW`` (ε before the bias correction)."""
import keras

from tf_impl.optimizers.adam import STATE
from tf_impl.optimizers.base import KerasOptimizer, hyper
from tf_impl.registry import Built, register


@register("optimizer", "adamw")
def build(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=1e-2,
          epsilon_placement="after_correction", bias_correction="exact", *, python_floats=False):
    h = hyper(python_floats)

    def make(**extra):
        return keras.optimizers.AdamW(learning_rate=h(learning_rate), weight_decay=h(weight_decay), beta_1=h(beta_1),
                                      beta_2=h(beta_2), epsilon=h(epsilon), amsgrad=amsgrad, **extra)
    fixed = {**({"epsilon_placement": "before_correction"} if epsilon else {}), "bias_correction": "in_dtype"}
    return Built(KerasOptimizer(make, state=STATE, fixed=fixed))
