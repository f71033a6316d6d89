"""HardSigmoid <-> ``keras.layers.Activation("hard_sigmoid")`` (Keras 3: relu6(x + 3) / 6)."""
import keras

from tf_impl.registry import Built, register


@register("activation", "hard_sigmoid")
def build():
    return Built(keras.layers.Activation("hard_sigmoid"))
