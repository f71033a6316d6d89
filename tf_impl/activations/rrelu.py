"""RReLU, composed: Keras has no RReLU (no layer, activation or op).

Both modes apply a slope with ``keras.ops.where(x > 0, x, slope * x)``, the slope in the
input's dtype:
* training: slopes from ``keras.random.uniform(minval=lower, maxval=upper)``, one per element.
  The bounds are passed as ``np.float64``: ``uniform`` casts a Python float through float32
  (``tf.cast``), which would widen 1/3 to 0.33333334 in float64.
* evaluation: the mean slope (lower + upper)/2, cast from ``np.float64`` to the input's dtype
  (exact in float64). ``keras.layers.LeakyReLU`` is not used for it: TF holds its slope as a
  float32 op attribute (the leaky_relu divergence in conformance/divergences/activations.py).
The slopes drawn are read back from the output as y / x.
"""
from functools import partial

import keras
import numpy as np

from reference.activations.rrelu import slopes_from_output
from tf_impl.registry import Built, register


class RReLU(keras.layers.Layer):
    def __init__(self, lower: float, upper: float, **kwargs):
        super().__init__(**kwargs)
        self.lower, self.upper = lower, upper
        # Its state comes from keras.utils.set_random_seed(ctx.seed), which runner.run_module
        # calls before building: a case draws the same slopes on every run.
        self.seed_generator = keras.random.SeedGenerator()

    def call(self, x, training=False):
        if training:
            slopes = keras.random.uniform(keras.ops.shape(x), minval=np.float64(self.lower),
                                          maxval=np.float64(self.upper), dtype=x.dtype, seed=self.seed_generator)
        else:
            slopes = keras.ops.cast(np.float64((self.lower + self.upper) / 2), x.dtype)
        return keras.ops.where(x > 0, x, slopes * x)


@register("activation", "rrelu", status="composed",
          note="Keras has no RReLU: ops.where(x > 0, x, slope·x), slopes from keras.random.uniform in "
               "training, their mean in eval")
def build(lower=1 / 8, upper=1 / 3):
    return Built(RReLU(lower=lower, upper=upper),
                 recover_noise=partial(slopes_from_output, fill=(lower + upper) / 2))
