"""MSE <-> ``keras.losses.MeanSquaredError``, evaluated per element (see per_element.py).

The ``last_axis_mean`` variant calls it on (N, C) as it is (the native run: Keras's last-axis mean).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


@register("loss", "mse")
def build(reduction="mean"):
    loss = keras.losses.MeanSquaredError(reduction=REDUCTION[reduction])
    return Built(PerElement(loss))


@variant("loss", "mse", "last_axis_mean")
def build_last_axis_mean(reduction="mean"):
    """The Keras loss on (N, C) as it is: a mean over the last axis before the reduction."""
    return Built(keras.losses.MeanSquaredError(reduction=REDUCTION[reduction]))
