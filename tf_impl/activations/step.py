"""Step <-> ``keras.ops.heaviside`` (no Keras layer or activation), in an Activation layer.

keras.ops.heaviside converts a Python float through a float32 tensor (0.1 becomes
0.10000000149 in float64), so the builder hands it a tensor of x's dtype, which keeps the
value exact. The ``python_float`` variant passes the Python float (the divergence run).
"""
import keras

from tf_impl.registry import Built, register, variant


@register("activation", "step", note="keras.ops.heaviside wrapped in keras.layers.Activation (no Heaviside layer)")
def build(value_at_zero=1.0):
    def heaviside(x):
        return keras.ops.heaviside(x, keras.ops.convert_to_tensor(value_at_zero, dtype=x.dtype))

    return Built(keras.layers.Activation(heaviside))


@variant("activation", "step", "python_float")
def build_python_float(value_at_zero=1.0):
    """value_at_zero passed as a Python float: Keras converts it through float32."""
    return Built(keras.layers.Activation(lambda x: keras.ops.heaviside(x, value_at_zero)))
