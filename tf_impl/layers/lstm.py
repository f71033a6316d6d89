"""LSTM <-> ``keras.layers.LSTM`` (``tf_impl/layers/recurrent.py``), recurrent activation σ (Keras 3's default; Keras
2's was hard_sigmoid). Keras has one bias: the builder takes ``recurrent_bias`` and builds the one bias whatever it
says; the record ``lstm/keras`` maps the reference to ``recurrent_bias=False``. ``unit_forget_bias=True`` (Keras's
default) only sets a fresh layer's forget-gate bias to 1: the harness loads every weight, so it has no effect here
(``tests/test_recurrent.py`` pins it)."""
import keras

from reference import validate
from tf_impl.layers import recurrent
from tf_impl.registry import register


@register("layer", "lstm")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True):
    validate.flag("recurrent_bias", recurrent_bias)
    return recurrent.build(keras.layers.LSTM, ("h", "c"), in_features, units, return_sequences, bidirectional,
                           initial_state, {"b": ("bias", None)}, activation="tanh", recurrent_activation="sigmoid")
