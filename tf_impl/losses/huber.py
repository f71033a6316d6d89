"""Huber <-> ``keras.losses.Huber``, evaluated per element (see per_element.py).

Keras writes the outer branch as δ|e| − ½δ² (the reference and torch: δ(|e| − ½δ)): equal
up to rounding. Keyword-only switch for the native run: ``per_element=False``.
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register


@register("loss", "huber")
def build(reduction="mean", delta=1.0, *, per_element=True):
    loss = keras.losses.Huber(delta=delta, reduction=REDUCTION[reduction])
    return Built(PerElement(loss, per_element))
