"""PReLU <-> ``keras.layers.PReLU``.

Keras's α has the shape input_shape[1:] (one per element), shared only over the batch unless
``shared_axes`` says otherwise, and starts at 0 (``alpha_initializer="Zeros"``). The mapping:

* ``alpha_initializer=Constant(np.float64(init))``: starts at ``init``; a Python float would be
  rounded to float32 by ``Constant`` (docs/findings.md).
* the leading axes are folded into the batch, (N, ..., F) -> (N·…, F), so α is per feature
  (``shared_axes=None``) or one slope (``shared_axes=[1]``), with the reference's shape
  (num_parameters,).

Its gradient at x = 0 is 0: the layer computes relu(x) − α·relu(−x)
(keras/src/layers/activations/prelu.py:74-77), and relu'(0) = 0 in both terms; torch gives α.
The layer is used as it is: the reference's ``grad_at_zero`` names both conventions, and the
Keras comparison selects ``grad_at_zero="zero"`` (conformance/divergences/activations_special.py).
That option describes the layer and is not a builder argument.

The ``keras_default`` variant builds ``keras.layers.PReLU()`` on the input as it is, Keras's own
default, for the divergence run. Its α (zeros, shape input_shape[1:]) cannot take the reference's
(num_parameters,) values, so it keeps its own.
"""
import keras
import numpy as np

from tf_impl.registry import Built, Param, register, variant


class FoldToFeatures(keras.layers.Layer):
    """Apply ``inner`` to the input reshaped (-1, F), then reshape back."""

    def __init__(self, inner: keras.layers.Layer, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def build(self, input_shape):
        self.inner.build((None, input_shape[-1]))

    def call(self, x):
        shape = keras.ops.shape(x)
        return keras.ops.reshape(self.inner(keras.ops.reshape(x, (-1, shape[-1]))), shape)


@register("activation", "prelu", note="keras.layers.PReLU with the leading axes folded into the batch")
def build(num_parameters=1, init=0.25):
    prelu = keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(np.float64(init)),
                               shared_axes=[1] if num_parameters == 1 else None)
    return Built(FoldToFeatures(prelu), {"alpha": Param("inner.alpha")})


@variant("activation", "prelu", "keras_default")
def build_keras_default(num_parameters=1, init=0.25):
    """keras.layers.PReLU() on the input as it is: α = 0, one per element of input_shape[1:]."""
    return Built(keras.layers.PReLU())
