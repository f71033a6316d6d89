"""GELU composed from keras.ops, because ``keras.activations.gelu`` is inexact in float64.

keras.activations.gelu calls tf.nn.gelu, which passes its constants through
``math_ops.cast(<Python float>, dtype)``, i.e. through float32 (DIVERGENCES.md §0):
1/√2 in the exact form (tensorflow/python/ops/nn_ops.py:3756) and 0.044715 in the tanh form
(nn_ops.py:3747). In float64 that moves the output by up to 4.1e-9 (exact) and 3.3e-10
(tanh), far beyond round-off. The builder writes the same two formulas with
keras.ops.erfc / keras.ops.tanh and Python-float constants, which TF converts exactly.

``keras_gelu=True`` uses keras.activations.gelu(x, approximate=...) itself, and
``ops_default=True`` uses keras.ops.gelu(x) with its own default approximate=True (unlike
keras.activations.gelu, whose default is False): the two divergence runs.
"""
import math

import keras

from tf_impl.registry import Built, register

SQRT_HALF = math.sqrt(0.5)
SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
COEFF = 0.044715


@register("activation", "gelu", status="composed",
          note="keras.activations.gelu rounds 1/sqrt(2) and 0.044715 to float32; same formulas from keras.ops")
def build(approximate="none", *, keras_gelu=False, ops_default=False):
    tanh_form = {"none": False, "tanh": True}[approximate]

    def gelu(x):
        if ops_default:
            return keras.ops.gelu(x)
        if keras_gelu:
            return keras.activations.gelu(x, approximate=tanh_form)
        if tanh_form:
            return 0.5 * x * (1.0 + keras.ops.tanh(SQRT_2_OVER_PI * (x + COEFF * keras.ops.power(x, 3))))
        return 0.5 * x * keras.ops.erfc(-SQRT_HALF * x)

    return Built(keras.layers.Activation(gelu))
