"""Sparse softmax cross-entropy <-> ``keras.losses.SparseCategoricalCrossentropy(from_logits=True)``.

Keras's Loss.__call__ converts the int64 labels to the loss's float dtype and the backend
casts them back to int64 (exact for labels below 2**24 in float32).
"""
import keras

from tf_impl.losses.per_element import REDUCTION
from tf_impl.registry import Built, register


@register("loss", "sparse_softmax_crossentropy")
def build(reduction="mean"):
    return Built(keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=REDUCTION[reduction]))
