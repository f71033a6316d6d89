"""BCE on probabilities <-> ``keras.losses.BinaryCrossentropy(from_logits=False)``, per element.

Keras clips p to [ε, 1 − ε] with the global keras.config.epsilon(); the reference's ``eps``
is passed through that global for the call (see epsilon.py). Keyword-only switches for the
native runs: ``global_epsilon=True`` (Keras's own ε = 1e-7), ``per_element=False``.
"""
import keras

from tf_impl.losses.epsilon import WithEpsilon
from tf_impl.losses.per_element import REDUCTION, PerElement
from tf_impl.registry import Built, register


@register("loss", "bce")
def build(reduction="mean", eps=0.0, *, global_epsilon=False, per_element=True):
    loss = keras.losses.BinaryCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(WithEpsilon(PerElement(loss, per_element), None if global_epsilon else eps))
