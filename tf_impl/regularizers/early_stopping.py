"""Early stopping <-> ``keras.callbacks.EarlyStopping(monitor="val_loss", mode="min")`` through ``model.fit``.

Keras decides in float32 whatever floatx is (``ops.less`` on two Python floats:
keras/src/callbacks/monitor_callback.py), the reference's ``float32_comparison=True``;
the reference's default False is mapped by conformance/divergences/regularizers.py.
"""
import keras

from tf_impl.registry import Built, register


@register("regularizer", "early_stopping")
def build(patience=0, min_delta=0.0, restore_best_weights=False, float32_comparison=False):
    return Built(keras.callbacks.EarlyStopping(monitor="val_loss", mode="min", patience=patience,
                                               min_delta=min_delta, restore_best_weights=restore_best_weights))
