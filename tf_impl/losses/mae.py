"""MAE <-> ``keras.losses.MeanAbsoluteError``, evaluated per element (see per_element.py).

The ``last_axis_mean`` variant calls it on (N, C) as it is (the native run).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


@register("loss", "mae")
def build(reduction="mean"):
    loss = keras.losses.MeanAbsoluteError(reduction=REDUCTION[reduction])
    return Built(PerElement(loss))


@variant("loss", "mae", "last_axis_mean")
def build_last_axis_mean(reduction="mean"):
    """The Keras loss on (N, C) as it is: a mean over the last axis before the reduction."""
    return Built(keras.losses.MeanAbsoluteError(reduction=REDUCTION[reduction]))
