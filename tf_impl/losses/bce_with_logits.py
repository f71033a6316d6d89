"""BCE on logits <-> ``keras.losses.BinaryCrossentropy(from_logits=True)``, per element.

Keras calls tf.nn.sigmoid_cross_entropy_with_logits: relu(z) − z·y + log1p(exp(−|z|)).
Keyword-only switches for the native runs: ``per_element=False``, ``reduction_alias=True``.
"""
import keras

from tf_impl.losses.per_element import PerElement, keras_reduction
from tf_impl.registry import Built, register


@register("loss", "bce_with_logits")
def build(reduction="mean", *, per_element=True, reduction_alias=False):
    loss = keras.losses.BinaryCrossentropy(from_logits=True, reduction=keras_reduction(reduction, reduction_alias))
    return Built(PerElement(loss, per_element))
