"""Softmax cross-entropy <-> ``keras.losses.CategoricalCrossentropy(from_logits=True)``.

Keras calls tf.nn.softmax_cross_entropy_with_logits; per-sample values reduced over N.
Keyword-only switch for the native run: ``reduction_alias=True``.
"""
import keras

from tf_impl.losses.per_element import keras_reduction
from tf_impl.registry import Built, register


@register("loss", "softmax_crossentropy")
def build(reduction="mean", *, reduction_alias=False):
    return Built(keras.losses.CategoricalCrossentropy(from_logits=True,
                                                      reduction=keras_reduction(reduction, reduction_alias)))
