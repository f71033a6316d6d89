"""Global max pooling of sequences <-> ``keras.layers.GlobalMaxPooling1D()`` on (N, L, C) → (N, C)
(``ties="split"``); ``ties="first"`` composed, as ``tf_impl/layers/global_max_pool2d.py``."""
import keras

from tf_impl.layers.global_max_pool2d import global_max
from tf_impl.registry import Built, register, variant


@register("layer", "global_max_pool1d", note="ties='first': ops.max_pool over the whole sequence")
def build(ties="first"):
    return global_max(keras.layers.GlobalMaxPooling1D, ties)


@variant("layer", "global_max_pool1d", "global_max_pooling")
def build_global_max_pooling(ties="first"):
    return Built(keras.layers.GlobalMaxPooling1D(data_format="channels_last"))
