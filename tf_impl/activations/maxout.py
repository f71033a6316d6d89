"""Maxout, composed: Keras has no maxout (nothing in keras.layers, activations, ops or tf.nn).
``keras.layers.Dense(units·pieces)``, then the pre-activations reshaped to (..., units,
pieces) (``reference.conventions.MAXOUT_GROUPING``: unit u takes columns u·pieces …
u·pieces + pieces − 1), then ``keras.ops.max`` over the pieces. The Dense kernel is stored
(in, out), as the reference's W."""
import keras

from tf_impl.registry import Built, Param, register


class Maxout(keras.layers.Layer):
    def __init__(self, in_features: int, units: int, pieces: int, **kwargs):
        super().__init__(**kwargs)
        self.units, self.pieces = units, pieces
        self.in_features = in_features
        self.dense = keras.layers.Dense(units * pieces)

    def build(self, input_shape):
        self.dense.build((None, self.in_features))

    def call(self, x):
        z = self.dense(x)                                                       # (..., units·pieces)
        z = keras.ops.reshape(z, (*keras.ops.shape(x)[:-1], self.units, self.pieces))
        return keras.ops.max(z, axis=-1)                                       # (..., units)


@register("activation", "maxout", status="composed",
          note="Keras has no Maxout: Dense + reshape(units, pieces) + ops.max")
def build(in_features, units, pieces):
    return Built(Maxout(in_features=in_features, units=units, pieces=pieces),
                 {"W": Param("dense.kernel"), "b": Param("dense.bias")})
