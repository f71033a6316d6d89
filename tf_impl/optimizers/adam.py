"""Adam / AMSGrad <-> ``keras.optimizers.Adam`` (ε before the bias correction, the "ε̂" form;
decoupled weight decay; 1 − βᵗ formed in the variable's dtype, adam.py:104-110)."""
import keras

from tf_impl.optimizers.base import KerasOptimizer, decoupled_only, python_floats, weight_decay_arg
from tf_impl.registry import Built, register, variant

STATE = {"m": "_momentums", "v": "_velocities", "v_max": "_velocity_hats"}


@register("optimizer", "adam")
def build(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="after_correction", bias_correction="exact"):
    def construct(h, **extra):
        return keras.optimizers.Adam(learning_rate=h(learning_rate), beta_1=h(beta_1), beta_2=h(beta_2),
                                     epsilon=h(epsilon), amsgrad=amsgrad,
                                     weight_decay=weight_decay_arg(h, weight_decay), **extra)
    fixed = {**({"epsilon_placement": "before_correction"} if epsilon else {}), **decoupled_only(weight_decay),
             "bias_correction": "in_dtype"}
    return Built(KerasOptimizer(construct, state=STATE, fixed=fixed))


@variant("optimizer", "adam", "python_floats")
def build_python_floats(**kwargs):
    """Every hyperparameter a Python float, as a user writes it: Keras rounds it through float32."""
    return python_floats(build(**kwargs))
