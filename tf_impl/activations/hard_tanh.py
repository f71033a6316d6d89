"""HardTanh <-> ``keras.ops.clip`` (tf.clip_by_value) in an Activation layer.

keras.activations.hard_tanh is the same op with the bounds fixed at ±1, so ops.clip with
explicit bounds is used for every (min_val, max_val); ops.clip converts the bounds to x's
dtype, so bounds that are not float32 numbers stay exact in float64.

Its gradient at x == min_val or max_val is 1 (tf.clip_by_value masks only x < min and
x > max, tensorflow/python/ops/clip_ops.py:140-144); torch.nn.Hardtanh gives 0 there. The op
is used as it is: the reference's ``grad_at_bounds`` names both conventions, and the Keras
comparison selects ``grad_at_bounds=1.0`` (conformance/divergences/activations.py). That
option describes the op and is not a builder argument: ops.clip has no such switch.
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "hard_tanh", note="keras.ops.clip (keras.activations.hard_tanh has fixed ±1 bounds)")
def build(min_val=-1.0, max_val=1.0):
    return Built(keras.layers.Activation(lambda x: keras.ops.clip(x, min_val, max_val)))
