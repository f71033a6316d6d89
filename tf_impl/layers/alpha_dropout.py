"""Alpha dropout <-> ``keras.layers.AlphaDropout`` (native: kept = uniform ≥ rate,
a = ((1 − rate)(1 + rate·α_p²))^(−1/2), b = −a·α_p·rate with α_p = −alpha·scale (SELU's constants),
y = a·(x·kept + α_p·(1 − kept)) + b in training; the identity in inference). ``rate`` is required:
the builder passes the reference's p. The mask is read back exactly on an input of ones (``Probe``):
a kept unit shows a + b > 0, a dropped one a·α_p + b < 0.
"""
import keras

from reference.layers.alpha_dropout import kept_alpha_units
from tf_impl.registry import Built, Probe, register


@register("layer", "alpha_dropout")
def build(p):
    return Built(keras.layers.AlphaDropout(rate=p), probe=Probe(1.0, kept_alpha_units))
