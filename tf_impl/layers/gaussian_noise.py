"""Additive Gaussian noise <-> ``keras.layers.GaussianNoise`` (native: x + N(0, stddev²) drawn in the
layer's compute dtype in training; the identity in inference). Keras accepts stddev in [0, 1] only
(the reference any stddev ≥ 0). The noise is read back exactly on an input of zeros (``Probe``),
where y = 0 + n = n.
"""
import keras

from tf_impl.registry import Built, Probe, register


@register("layer", "gaussian_noise")
def build(stddev):
    return Built(keras.layers.GaussianNoise(stddev=stddev), probe=Probe(0.0, lambda y: y))
