"""Gaussian dropout <-> ``keras.layers.GaussianDropout`` (native: x · N(1, rate/(1 − rate)) drawn in
the layer's compute dtype in training; the identity in inference). ``rate`` is required: the
builder passes the reference's p. The factor is read back exactly on an input of ones (``Probe``),
where y = 1 · ε = ε.
"""
import keras

from tf_impl.registry import Built, Probe, register


@register("layer", "gaussian_dropout")
def build(p):
    return Built(keras.layers.GaussianDropout(rate=p), probe=Probe(1.0, lambda y: y))
