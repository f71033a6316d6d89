"""SELU <-> ``keras.layers.Activation("selu")`` (tf.nn.selu).

tf.nn.selu's gradient at exactly x = 0 is λ, the right-hand slope (SeluGrad tests
outputs < 0); torch takes λα, the left-hand slope. The op is used as it is: the reference's
``grad_at_zero`` names both conventions, and the Keras comparison selects
``grad_at_zero="right"`` (conformance/divergences/activations.py). That option describes the
op and is not a builder argument: tf.nn.selu has no such switch.
"""
import keras

from tf_impl.registry import Built, register


@register("activation", "selu")
def build():
    return Built(keras.layers.Activation("selu"))
