"""Constant <-> ``keras.initializers.Constant``.

Keras computes ``ops.cast(value, dtype)``; a Python float goes through a float32 tensor
first, so Constant(0.1) fills a float64 kernel with 0.10000000149 (DIVERGENCES.md §0).
``np.float64(value)`` keeps it float64 (a float subclass, accepted as is).
"""
import keras
import numpy as np

from tf_impl.registry import Built, register


@register("initializer", "constant")
def build(value=0.0, *, native=False):
    """``native=True``: pass the Python float, as a user would (rounded through float32)."""
    return Built(keras.initializers.Constant(value=value if native else np.float64(value)))
