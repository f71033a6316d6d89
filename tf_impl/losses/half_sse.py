"""Half SSE, composed: Keras has no ½-scaled squared error, so 0.5 · ``keras.losses.MeanSquaredError``
evaluated per element (see per_element.py). Scaling by 0.5 is exact in binary floating point.

The ``last_axis_mean`` variant calls MeanSquaredError on (N, C) as it is (the native run).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


class HalfSSE:
    def __init__(self, mse):
        self.mse = mse

    def __call__(self, y_true, y_pred):
        return 0.5 * self.mse(y_true, y_pred)


@register("loss", "half_sse", status="composed",
          note="no half-SSE in keras.losses: 0.5 * MeanSquaredError(reduction), per element")
def build(reduction="sum"):
    loss = keras.losses.MeanSquaredError(reduction=REDUCTION[reduction])
    return Built(HalfSSE(PerElement(loss)))


@variant("loss", "half_sse", "last_axis_mean")
def build_last_axis_mean(reduction="sum"):
    """0.5 · MeanSquaredError on (N, C) as it is: a mean over the last axis before the reduction."""
    return Built(HalfSSE(keras.losses.MeanSquaredError(reduction=REDUCTION[reduction])))
