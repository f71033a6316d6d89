"""HardTanh <-> ``keras.ops.clip`` (tf.clip_by_value) in an Activation layer.

keras.activations.hard_tanh is the same op with the bounds fixed at ±1, so ops.clip with
explicit bounds is used for every (min_val, max_val). tf.clip_by_value passes the gradient
at x == bound; the reference and torch.nn.Hardtanh give 0 there, so the builder stops the
gradient at exactly those points (the output is unchanged). ``pass_grad_at_bounds=True``
keeps tf.clip_by_value's gradient (the divergence run).

The bounds are compared as tensors of x's dtype: keras.ops.equal(x, <Python float>) converts
the float through float32 (equal(x, -0.3) is False at x = -0.3 in float64), unlike
keras.ops.clip, which converts it to x's dtype.
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "hard_tanh",
          note="keras.ops.clip (hard_tanh has fixed ±1 bounds); gradient at the bounds mapped to 0")
def build(min_val=-1.0, max_val=1.0, *, pass_grad_at_bounds=False):
    def hard_tanh(x):
        y = keras.ops.clip(x, min_val, max_val)
        if pass_grad_at_bounds:
            return y
        low = keras.ops.convert_to_tensor(min_val, dtype=x.dtype)
        high = keras.ops.convert_to_tensor(max_val, dtype=x.dtype)
        at_bound = keras.ops.logical_or(keras.ops.equal(x, low), keras.ops.equal(x, high))
        return keras.ops.where(at_bound, keras.ops.stop_gradient(y), y)

    return Built(keras.layers.Activation(hard_tanh))
