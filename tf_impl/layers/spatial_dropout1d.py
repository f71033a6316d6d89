"""Spatial dropout over sequences <-> ``keras.layers.SpatialDropout1D`` (native: Keras's dropout with
noise_shape (N, 1, C), channels last as the reference, in training; the identity in inference).
``rate`` is required: the builder passes the reference's p. The mask is read back exactly on an
input of ones (``Probe``; see tf_impl/layers/dropout.py).
"""
import keras

from reference.layers.dropout import kept_units
from tf_impl.registry import Built, Probe, register


@register("layer", "spatial_dropout1d")
def build(p):
    return Built(keras.layers.SpatialDropout1D(rate=p), probe=Probe(1.0, kept_units))
