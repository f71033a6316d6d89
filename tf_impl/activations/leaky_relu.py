"""LeakyReLU <-> ``keras.layers.LeakyReLU``.

The slope reaches ``tf.nn.leaky_relu`` as a float32 op attribute, so in float64 Keras uses
f32(negative_slope); the mapped comparison rounds the reference's slope the same way.
"""
import keras

from tf_impl.registry import Built, register, variant


@register("activation", "leaky_relu")
def build(negative_slope=0.01):
    return Built(keras.layers.LeakyReLU(negative_slope=negative_slope))


@variant("activation", "leaky_relu", "keras_default")
def build_keras_default(negative_slope=0.01):
    """No slope given: Keras's default 0.3."""
    return Built(keras.layers.LeakyReLU())
