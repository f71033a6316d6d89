"""GRU <-> ``keras.layers.GRU`` (``tf_impl/layers/recurrent.py``). reset_after=True (Keras's default, torch's form):
its bias is (2, 3H), row 0 the input bias b, row 1 the recurrent bias (``Param.row``). reset_after=False: one bias
(3H,); the record ``gru/keras`` maps the reference to ``recurrent_bias=False`` there."""
import keras

from reference import validate
from tf_impl.layers import recurrent
from tf_impl.registry import register


@register("layer", "gru")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True, reset_after=True):
    validate.flag("recurrent_bias", recurrent_bias)
    if validate.flag("reset_after", reset_after) and not recurrent_bias:
        raise ValueError("recurrent_bias=False is not allowed with reset_after=True: Keras's GRU then has two biases")
    biases = {"b": ("bias", 0), "recurrent_b": ("bias", 1)} if reset_after else {"b": ("bias", None)}
    return recurrent.build(keras.layers.GRU, ("h",), in_features, units, return_sequences, bidirectional,
                           initial_state, biases, activation="tanh", recurrent_activation="sigmoid",
                           reset_after=reset_after)
