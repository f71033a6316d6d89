"""RReLU, composed: Keras has no RReLU (no layer, activation or op).

Training: slopes from ``keras.random.uniform(minval=lower, maxval=upper)``, one per element,
applied with ``keras.ops.where``. The bounds are passed as ``np.float64``: ``uniform`` casts a
Python float through float32 (``tf.cast``), which would widen 1/3 to 0.33333334 in float64.
Evaluation: ``keras.layers.LeakyReLU(negative_slope=(lower + upper) / 2)``, whose slope TF
holds as a float32 op attribute (a divergence, mapped in conformance/divergences/).
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
        self.seed_generator = keras.random.SeedGenerator()     # seeded by keras.utils.set_random_seed
        self.eval_relu = keras.layers.LeakyReLU(negative_slope=(lower + upper) / 2)

    def call(self, x, training=False):
        if not training:
            return self.eval_relu(x)
        slopes = keras.random.uniform(keras.ops.shape(x), minval=np.float64(self.lower),
                                      maxval=np.float64(self.upper), dtype=x.dtype, seed=self.seed_generator)
        return keras.ops.where(x > 0, x, slopes * x)


@register("activation", "rrelu", status="composed",
          note="Keras has no RReLU: keras.random.uniform slopes + ops.where in training, LeakyReLU(mean) in eval")
def build(lower=1 / 8, upper=1 / 3):
    return Built(RReLU(lower=lower, upper=upper),
                 recover_noise=partial(slopes_from_output, fill=(lower + upper) / 2))
