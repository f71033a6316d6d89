"""Huber <-> ``keras.losses.Huber``, evaluated per element (see per_element.py).

Keras writes the outer branch as δ|e| − ½δ² (the reference and torch: δ(|e| − ½δ)): equal
up to rounding. The ``last_axis_mean`` variant calls it on (N, C) as it is (the native run).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


@register("loss", "huber")
def build(reduction="mean", delta=1.0):
    loss = keras.losses.Huber(delta=delta, reduction=REDUCTION[reduction])
    return Built(PerElement(loss))


@variant("loss", "huber", "last_axis_mean")
def build_last_axis_mean(reduction="mean", delta=1.0):
    """The Keras loss on (N, C) as it is: a mean over the last axis before the reduction."""
    return Built(keras.losses.Huber(delta=delta, reduction=REDUCTION[reduction]))
