"""AdamW <-> ``keras.optimizers.AdamW`` (ε before the bias correction)."""
import keras

from tf_impl.optimizers.adam import STATE
from tf_impl.optimizers.base import KerasOptimizer, python_floats
from tf_impl.registry import Built, register, variant


@register("optimizer", "adamw")
def build(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=1e-2,
          epsilon_placement="after_correction", bias_correction="exact"):
    def construct(h, **extra):
        return keras.optimizers.AdamW(learning_rate=h(learning_rate), weight_decay=h(weight_decay), beta_1=h(beta_1),
                                      beta_2=h(beta_2), epsilon=h(epsilon), amsgrad=amsgrad, **extra)
    fixed = {**({"epsilon_placement": "before_correction"} if epsilon else {}), "bias_correction": "in_dtype"}
    return Built(KerasOptimizer(construct, state=STATE, fixed=fixed))


@variant("optimizer", "adamw", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
