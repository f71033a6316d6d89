"""Softplus, composed: ``keras.activations.softplus`` (tf.math.softplus) in an Activation layer.

Keras's softplus has no β (nor do keras.ops.softplus and tf.math.softplus): the builder
evaluates softplus(β·x) / β around it (β = 1 gives the plain activation, bit for bit).
tf.math.softplus switches to y = x only where e^{−x} is below float round-off
(x > −log(ε) − 2), so it needs no mapping.
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "softplus", status="composed",
          note="Keras softplus has no beta: softplus(beta*x)/beta around keras.activations.softplus")
def build(beta=1.0):
    def softplus(x):
        return keras.activations.softplus(beta * x) / beta

    return Built(keras.layers.Activation(softplus))
