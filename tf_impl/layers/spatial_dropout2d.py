"""Spatial dropout over images <-> ``keras.layers.SpatialDropout2D`` (native: Keras's dropout with
noise_shape (N, 1, 1, C) in training; the identity in inference). ``rate`` is required: the builder
passes the reference's p. ``data_format`` defaults to ``keras.config.image_data_format()``, a
per-user setting (~/.keras/keras.json); the builder passes "channels_last", the reference's layout,
so that a user's configuration cannot change the run. The mask is read back exactly on an input of
ones (``Probe``; see tf_impl/layers/dropout.py).
"""
import keras

from reference.layers.dropout import kept_units
from tf_impl.registry import Built, Probe, register


@register("layer", "spatial_dropout2d")
def build(p):
    return Built(keras.layers.SpatialDropout2D(rate=p, data_format="channels_last"), probe=Probe(1.0, kept_units))
