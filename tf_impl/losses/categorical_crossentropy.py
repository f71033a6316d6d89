"""Categorical cross-entropy on probabilities <-> ``keras.losses.CategoricalCrossentropy``.

Keras renormalises p / Σ_c p_c, then clips to [ε, 1 − ε] with keras.config.epsilon(), then
sums −y log p over the last axis (keras/src/backend/tensorflow/nn.py). Its per-sample values
are reduced over N, as the reference's.

``eps`` is passed through keras.config.epsilon() (see epsilon.py). ``renormalize`` cannot be
passed: Keras always renormalises and has no switch, so the builder accepts the argument for
the shared signature and the divergence record maps the reference to renormalize=True.
The ``global_epsilon`` variant keeps Keras's own ε (the native run).
"""
import keras

from tf_impl.losses.epsilon import WithEpsilon
from tf_impl.losses.per_element import REDUCTION
from tf_impl.registry import Built, register, variant


@register("loss", "categorical_crossentropy")
def build(reduction="mean", eps=0.0, renormalize=False):
    del renormalize   # always True in Keras: see the module docstring and the divergence record
    loss = keras.losses.CategoricalCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(WithEpsilon(loss, eps))


@variant("loss", "categorical_crossentropy", "global_epsilon")
def build_global_epsilon(reduction="mean", eps=0.0, renormalize=False):
    """eps unused: Keras clips with its global keras.config.epsilon() = 1e-7."""
    return Built(keras.losses.CategoricalCrossentropy(from_logits=False, reduction=REDUCTION[reduction]))
