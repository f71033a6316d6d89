"""Step <-> ``keras.ops.heaviside`` (no Keras layer or activation), in an Activation layer.

keras.ops.heaviside converts a Python float through a float32 tensor (0.1 becomes
0.10000000149 in float64), so the builder hands it a tensor of x's dtype, which keeps the
value exact. ``python_float=True`` passes the Python float (the divergence run).
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "step", note="keras.ops.heaviside wrapped in keras.layers.Activation (no Heaviside layer)")
def build(value_at_zero=1.0, *, python_float=False):
    def heaviside(x):
        value = value_at_zero if python_float else keras.ops.convert_to_tensor(value_at_zero, dtype=x.dtype)
        return keras.ops.heaviside(x, value)

    return Built(keras.layers.Activation(heaviside))
