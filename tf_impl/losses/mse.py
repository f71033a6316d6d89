"""MSE <-> ``keras.losses.MeanSquaredError``, evaluated per element (see per_element.py).

Keyword-only switch for the native run: ``per_element=False`` (Keras's last-axis mean).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register


@register("loss", "mse")
def build(reduction="mean", *, per_element=True):
    loss = keras.losses.MeanSquaredError(reduction=REDUCTION[reduction])
    return Built(PerElement(loss, per_element))
