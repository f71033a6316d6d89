"""LeakyReLU <-> ``keras.layers.LeakyReLU``.

The slope reaches ``tf.nn.leaky_relu`` as a float32 op attribute, so in float64 Keras uses
f32(negative_slope); the mapped comparison rounds the reference's slope the same way.
``keras_default=True`` builds the layer without a slope, i.e. Keras's default 0.3 (the
divergence run).
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "leaky_relu")
def build(negative_slope=0.01, *, keras_default=False):
    if keras_default:
        return Built(keras.layers.LeakyReLU())
    return Built(keras.layers.LeakyReLU(negative_slope=negative_slope))
