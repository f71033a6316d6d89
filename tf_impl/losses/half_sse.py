"""Half SSE, composed: Keras has no ½-scaled squared error, so 0.5 · ``keras.losses.MeanSquaredError``
evaluated per element (see per_element.py). Scaling by 0.5 is exact in binary floating point.

Keyword-only switch for the native run: ``per_element=False``.
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register


class HalfSSE:
    def __init__(self, mse: PerElement):
        self.mse = mse

    def __call__(self, y_true, y_pred):
        return 0.5 * self.mse(y_true, y_pred)


@register("loss", "half_sse", status="composed",
          note="no half-SSE in keras.losses: 0.5 * MeanSquaredError(reduction), per element")
def build(reduction="sum", *, per_element=True):
    loss = keras.losses.MeanSquaredError(reduction=REDUCTION[reduction])
    return Built(HalfSSE(PerElement(loss, per_element)))
