"""BCE on logits <-> ``keras.losses.BinaryCrossentropy(from_logits=True)``, per element.

Keras calls tf.nn.sigmoid_cross_entropy_with_logits: relu(z) − z·y + log1p(exp(−|z|)).
The ``last_axis_mean`` variant calls it on (N, C) as it is (the native run).
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


@register("loss", "bce_with_logits")
def build(reduction="mean"):
    loss = keras.losses.BinaryCrossentropy(from_logits=True, reduction=REDUCTION[reduction])
    return Built(PerElement(loss))


@variant("loss", "bce_with_logits", "last_axis_mean")
def build_last_axis_mean(reduction="mean"):
    """The Keras loss on (N, C) as it is: a mean over the last axis before the reduction."""
    return Built(keras.losses.BinaryCrossentropy(from_logits=True, reduction=REDUCTION[reduction]))
