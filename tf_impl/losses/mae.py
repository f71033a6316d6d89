"""MAE <-> ``keras.losses.MeanAbsoluteError``, evaluated per element (see per_element.py).

Keyword-only switches for the native runs: ``per_element=False``, ``reduction_alias=True``.
"""
import keras

from tf_impl.losses.per_element import PerElement, keras_reduction
from tf_impl.registry import Built, register


@register("loss", "mae")
def build(reduction="mean", *, per_element=True, reduction_alias=False):
    loss = keras.losses.MeanAbsoluteError(reduction=keras_reduction(reduction, reduction_alias))
    return Built(PerElement(loss, per_element))
