"""BCE on logits <-> ``keras.losses.BinaryCrossentropy(from_logits=True)``, per element.

Keras calls tf.nn.sigmoid_cross_entropy_with_logits: relu(z) − z·y + log1p(exp(−|z|)).
Keyword-only switch for the native run: ``per_element=False``.
"""
import keras

from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register


@register("loss", "bce_with_logits")
def build(reduction="mean", *, per_element=True):
    loss = keras.losses.BinaryCrossentropy(from_logits=True, reduction=REDUCTION[reduction])
    return Built(PerElement(loss, per_element))
