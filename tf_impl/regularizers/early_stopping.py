"""Early stopping <-> ``keras.callbacks.EarlyStopping(monitor="val_loss", mode="min")`` through ``model.fit``.

Keras decides in float32 whatever floatx is (``ops.less`` on two Python floats:
keras/src/callbacks/monitor_callback.py, _is_improvement): the reference's
``float32_comparison=True``, declared as ``fixed``.
"""
import keras

from tf_impl.registry import Built, register
from tf_impl.regularizers.base import KerasCallback


@register("regularizer", "early_stopping")
def build(patience=0, min_delta=0.0, restore_best_weights=False, float32_comparison=False):
    """``float32_comparison``: Keras has no switch; accepted, not passed, declared in ``fixed``."""
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", mode="min", patience=patience, min_delta=min_delta,
                                             restore_best_weights=restore_best_weights)
    return Built(KerasCallback(callback, fixed={"float32_comparison": True}))
