"""Huber <-> ``keras.losses.Huber``, evaluated per element (see per_element.py).

Keras writes the outer branch as δ|e| − ½δ² (the reference and torch: δ(|e| − ½δ)): equal
up to rounding. Keyword-only switches for the native runs: ``per_element=False``,
``reduction_alias=True``.
"""
import keras

from tf_impl.losses.per_element import PerElement, keras_reduction
from tf_impl.registry import Built, register


@register("loss", "huber")
def build(reduction="mean", delta=1.0, *, per_element=True, reduction_alias=False):
    loss = keras.losses.Huber(delta=delta, reduction=keras_reduction(reduction, reduction_alias))
    return Built(PerElement(loss, per_element))
