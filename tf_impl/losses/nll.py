"""NLL, composed: Keras has no negative log-likelihood on log-probabilities.

A ``keras.losses.Loss`` subclass (Keras's documented idiom for a custom loss, so Keras's own
reduction code reduces it) whose ``call`` picks −a[n, k_n] with ``keras.ops.take_along_axis``.
SparseCategoricalCrossentropy(from_logits=True) is not a substitute: it re-normalises the rows
through log_softmax, which leaves the value of normalised rows unchanged but adds softmax(a)
to the gradient. Keras's Loss.__call__ hands the labels over as floats; ``call`` casts them
back to integers (exact for labels below 2**24 in float32).
"""
import keras

from tf_impl.losses.per_element import REDUCTION
from tf_impl.registry import Built, register


class NegativeLogLikelihood(keras.losses.Loss):
    def call(self, y_true, y_pred):
        labels = keras.ops.expand_dims(keras.ops.cast(y_true, "int64"), -1)        # (N, 1)
        return -keras.ops.squeeze(keras.ops.take_along_axis(y_pred, labels, axis=-1), -1)   # (N,)


@register("loss", "nll", status="composed",
          note="no NLL in keras.losses: a keras.losses.Loss taking -log p[label] with ops.take_along_axis")
def build(reduction="mean"):
    return Built(NegativeLogLikelihood(reduction=REDUCTION[reduction]))
