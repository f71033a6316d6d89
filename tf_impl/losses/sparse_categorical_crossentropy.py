"""Sparse categorical cross-entropy on probabilities <-> ``keras.losses.SparseCategoricalCrossentropy()``.

The Keras default (from_logits=False): the TF backend clips p to [ε, 1 − ε] with
keras.config.epsilon(), takes the log and hands it to tf.nn.sparse_softmax_cross_entropy_with_logits,
so the clipped rows are renormalised: −log(p̃_k / Σ_c p̃_c) (keras/src/backend/tensorflow/nn.py,
sparse_categorical_crossentropy). Per-sample values reduced over N, as the reference's.

``eps`` is passed through keras.config.epsilon() (see epsilon.py). ``renormalize`` cannot be
passed: Keras always renormalises, so the builder accepts the argument for the shared signature
and the divergence record maps the reference to renormalize=True. Keras's Loss.__call__ converts
the int64 labels to the loss's float dtype and the backend casts them back (exact below 2**24).
The ``global_epsilon`` variant keeps Keras's own ε (the native run).
"""
import keras

from tf_impl.losses.epsilon import WithEpsilon
from tf_impl.losses.per_element import REDUCTION
from tf_impl.registry import Built, register, variant


@register("loss", "sparse_categorical_crossentropy")
def build(reduction="mean", eps=0.0, renormalize=False):
    del renormalize   # always True in Keras: see the module docstring and the divergence record
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=False, reduction=REDUCTION[reduction])
    return Built(WithEpsilon(loss, eps))


@variant("loss", "sparse_categorical_crossentropy", "global_epsilon")
def build_global_epsilon(reduction="mean", eps=0.0, renormalize=False):
    """eps unused: Keras clips with its global keras.config.epsilon() = 1e-7."""
    return Built(keras.losses.SparseCategoricalCrossentropy(from_logits=False, reduction=REDUCTION[reduction]))
