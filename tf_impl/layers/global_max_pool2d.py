"""Global max pooling <-> ``keras.layers.GlobalMaxPooling2D()`` on (N, H, W, C) → (N, C).

``GlobalMaxPooling2D`` is ``ops.max``: TensorFlow's reduce_max gradient splits a tied maximum's gradient
equally among the ties, the reference's ``ties="split"``. ``ties="first"`` (the reference's default, torch's
``AdaptiveMaxPool2d``) is composed: a max pool whose window is the whole image
(``tf_impl/layers/pooling.py`` ``FirstMaxGlobalPooling``). The variant ``global_max_pooling`` is the Keras layer
whatever ``ties`` says."""
import keras

from reference import validate
from reference.layers.global_max_pool2d import TIES
from tf_impl.layers.pooling import FirstMaxGlobalPooling
from tf_impl.registry import Built, register, variant


def global_max(layer, ties):
    if validate.choice("ties", ties, TIES) == "first":
        return Built(FirstMaxGlobalPooling())
    return Built(layer(data_format="channels_last"))


@register("layer", "global_max_pool2d", note="ties='first': ops.max_pool over the whole image")
def build(ties="first"):
    return global_max(keras.layers.GlobalMaxPooling2D, ties)


@variant("layer", "global_max_pool2d", "global_max_pooling")
def build_global_max_pooling(ties="first"):
    return Built(keras.layers.GlobalMaxPooling2D(data_format="channels_last"))
