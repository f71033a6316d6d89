"""GELU <-> ``keras.activations.gelu(x, approximate=...)`` (tf.nn.gelu) in an Activation layer.

The reference's approximate="none" | "tanh" is Keras's approximate=False | True, passed
explicitly: keras.activations.gelu defaults to False, but keras.ops.gelu to True.

tf.nn.gelu passes two constants through ``math_ops.cast(<Python float>, dtype)``, i.e.
through float32 also in float64: 1/√2 in the exact form (tensorflow/python/ops/nn_ops.py:3756)
and 0.044715 in the tanh form (nn_ops.py:3747). No Keras argument changes that: the reference's
``constants="float32"`` maps it, and a divergence record measures it (tests/test_gelu.py).

The ``ops_default`` variant uses keras.ops.gelu(x) with its own default approximate=True: the
divergence run of that default.
"""
import keras

from tf_impl.registry import Built, register, variant


@register("activation", "gelu")
def build(approximate="none"):
    tanh_form = {"none": False, "tanh": True}[approximate]

    def gelu(x):
        return keras.activations.gelu(x, approximate=tanh_form)

    return Built(keras.layers.Activation(gelu))


@variant("activation", "gelu", "ops_default")
def build_ops_default(approximate="none"):
    """keras.ops.gelu with no approximate given: its default, the tanh form."""
    return Built(keras.layers.Activation(keras.ops.gelu))
