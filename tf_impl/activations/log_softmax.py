"""LogSoftmax <-> ``keras.activations.log_softmax`` (``tf.nn.log_softmax``) in a
``keras.layers.Activation`` layer: Keras has the function but no LogSoftmax layer, and
``Activation`` has no axis argument, so the axis is bound with ``functools.partial``."""
from functools import partial

import keras

from tf_impl.registry import Built, register


@register("activation", "log_softmax",
          note="no LogSoftmax layer: Activation(partial(activations.log_softmax, axis=axis))")
def build(axis=-1):
    return Built(keras.layers.Activation(partial(keras.activations.log_softmax, axis=axis)))
