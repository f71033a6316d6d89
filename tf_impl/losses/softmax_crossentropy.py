"""Softmax cross-entropy <-> ``keras.losses.CategoricalCrossentropy(from_logits=True)``.

Keras calls tf.nn.softmax_cross_entropy_with_logits; per-sample values reduced over N.
"""
import keras

from tf_impl.losses.per_element import REDUCTION
from tf_impl.registry import Built, register


@register("loss", "softmax_crossentropy")
def build(reduction="mean"):
    return Built(keras.losses.CategoricalCrossentropy(from_logits=True, reduction=REDUCTION[reduction]))
