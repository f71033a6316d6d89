"""Constant <-> ``keras.initializers.Constant``.

Keras computes ``ops.cast(value, dtype)``; a Python float goes through a float32 tensor
first, so Constant(0.1) fills a float64 kernel with 0.10000000149 (docs/findings.md).
``np.float64(value)`` keeps it float64 (a float subclass, accepted as is).
"""
import keras
import numpy as np

from tf_impl.registry import Built, register, variant


@register("initializer", "constant")
def build(value=0.0):
    return Built(keras.initializers.Constant(value=np.float64(value)))


@variant("initializer", "constant", "python_float")
def build_python_float(value=0.0):
    """The Python float, as a user writes it: Keras rounds it through float32."""
    return Built(keras.initializers.Constant(value=value))
