"""SimpleRNN <-> ``keras.layers.SimpleRNN`` (``tf_impl/layers/recurrent.py``). Keras has one bias: the builder takes
``recurrent_bias`` and builds the one bias whatever it says; the record ``simple_rnn/keras`` maps the reference to
``recurrent_bias=False``."""
import keras

from reference import validate
from tf_impl.layers import recurrent
from tf_impl.registry import register


@register("layer", "simple_rnn")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True):
    validate.flag("recurrent_bias", recurrent_bias)
    return recurrent.build(keras.layers.SimpleRNN, ("h",), in_features, units, return_sequences, bidirectional,
                           initial_state, {"b": ("bias", None)}, activation="tanh")
