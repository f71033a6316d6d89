"""Dropout <-> ``keras.layers.Dropout`` (native: ``tf.nn.experimental.stateless_dropout``, which keeps
a unit where a uniform draw is ≥ rate and returns where(keep, x·(1/(1 − rate)), 0) in training; the
identity in inference). ``rate`` is required: the builder passes the reference's p.

The mask is read back exactly (``Probe``): ``runner.run_module`` calls
``keras.utils.set_random_seed(ctx.seed)`` before building (the layer's ``SeedGenerator`` takes its
seed from it), and after the real call seeds again, builds the layer again and calls it on ones of
the same shape: the same draw, where a kept unit shows 1/(1 − p) and a dropped one 0.
"""
import keras

from reference.layers.dropout import kept_units
from tf_impl.registry import Built, Probe, register


@register("layer", "dropout")
def build(p):
    return Built(keras.layers.Dropout(rate=p), probe=Probe(1.0, kept_units))
