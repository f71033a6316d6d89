"""MSE <-> ``keras.losses.MeanSquaredError``, evaluated per element (see per_element.py).

Keyword-only switches for the native runs: ``per_element=False`` (Keras's last-axis mean),
``reduction_alias=True`` (pass the reference's reduction name, Keras's alias).
"""
import keras

from tf_impl.losses.per_element import PerElement, keras_reduction
from tf_impl.registry import Built, register


@register("loss", "mse")
def build(reduction="mean", *, per_element=True, reduction_alias=False):
    loss = keras.losses.MeanSquaredError(reduction=keras_reduction(reduction, reduction_alias))
    return Built(PerElement(loss, per_element))
