"""Sign (±1) composed from ``keras.ops.sign`` (tf.sign), which gives 0 at x = 0.

The ``zero_at_zero`` variant returns keras.ops.sign as it is (sign(0) = 0): the native-convention
run of the divergence in conformance/divergences/activations.py.
"""
import keras

from tf_impl.registry import Built, register, variant


@register("activation", "sign", status="composed",
          note="keras.ops.sign(0) = 0; the ±1 sign puts value_at_zero there with keras.ops.where")
def build(value_at_zero=1.0):
    def sign(x):
        return keras.ops.where(keras.ops.equal(x, 0), value_at_zero, keras.ops.sign(x))

    return Built(keras.layers.Activation(sign))


@variant("activation", "sign", "zero_at_zero")
def build_zero_at_zero(value_at_zero=1.0):
    """keras.ops.sign as it is: sign(0) = 0."""
    return Built(keras.layers.Activation(keras.ops.sign))
