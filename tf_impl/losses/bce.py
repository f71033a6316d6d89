"""BCE on probabilities <-> ``keras.losses.BinaryCrossentropy(from_logits=False)``, per element.

Keras clips p to [ε, 1 − ε] with the global keras.config.epsilon(); the reference's ``eps``
is passed through that global for the call (see epsilon.py). Variants for the native runs:
``global_epsilon`` (Keras's own ε = 1e-7) and ``last_axis_mean`` (on (N, C) as it is), and
``as_written``: ``BinaryCrossentropy()`` called on the model's output as a Keras user writes it, which on a
sigmoid's output computes from the logits the sigmoid attaches to it (``_keras_logits``, Keras's TensorFlow
backend ``binary_crossentropy``): the native run of the model-level record.
"""
import keras

from tf_impl.losses.epsilon import WithEpsilon
from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register, variant


@register("loss", "bce")
def build(reduction="mean", eps=0.0):
    loss = keras.losses.BinaryCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(WithEpsilon(PerElement(loss), eps))


@variant("loss", "bce", "global_epsilon")
def build_global_epsilon(reduction="mean", eps=0.0):
    """eps unused: Keras clips with its global keras.config.epsilon() = 1e-7."""
    loss = keras.losses.BinaryCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(PerElement(loss))


@variant("loss", "bce", "last_axis_mean")
def build_last_axis_mean(reduction="mean", eps=0.0):
    """The Keras loss on (N, C) as it is: a mean over the last axis before the reduction."""
    loss = keras.losses.BinaryCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(WithEpsilon(loss, eps))


@variant("loss", "bce", "as_written")
def build_as_written(reduction="mean", eps=0.0):
    """``keras.losses.BinaryCrossentropy()`` on the output as it is (Keras's ε; a sigmoid's logits used)."""
    return Built(keras.losses.BinaryCrossentropy(reduction=REDUCTION[reduction]))
