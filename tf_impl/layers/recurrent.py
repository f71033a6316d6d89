"""What the Keras recurrent builders share: ``keras.layers.SimpleRNN``/``LSTM``/``GRU`` (wrapped in
``keras.layers.Bidirectional(merge_mode="concat")`` when bidirectional) and the reference's parameter names on them.

A learned initial state is the Keras idiom for one: a small layer (``LearnedInitialState``) owning one (H,) weight per
state and direction (``h0``, ``c0``, ``h0_reverse``, ...), broadcast over the batch and passed as
``rnn(x, initial_state=[h0, c0, h0_reverse, c0_reverse])`` (Bidirectional gives the first half to the forward layer).
Keras kernels are (F, G·H) and (H, G·H) in the reference's gate order, so nothing is transposed.
"""
from __future__ import annotations

import keras

from reference import validate
from reference.conventions import RECURRENT_INITIAL_STATES
from tf_impl.registry import Built, Param


class LearnedInitialState(keras.layers.Layer):
    def __init__(self, rnn, states: tuple[str, ...], units: int, suffixes: tuple[str, ...], **kwargs):
        super().__init__(**kwargs)
        self.rnn, self.states, self.units, self.suffixes = rnn, states, units, suffixes

    def build(self, input_shape):
        self.rnn.build(input_shape)
        for d in self.suffixes:
            for s in self.states:
                setattr(self, f"{s}0{d}", self.add_weight(shape=(self.units,), initializer="zeros", name=f"{s}0{d}"))

    def call(self, x, training=None):
        n = keras.ops.shape(x)[0]
        init = [keras.ops.broadcast_to(getattr(self, f"{s}0{d}"), (n, self.units))
                for d in self.suffixes for s in self.states]                    # forward's first, then backward's
        return self.rnn(x, initial_state=init, training=training)


def build(layer_class, states, in_features, units, return_sequences, bidirectional, initial_state,
          bias_params, **options) -> Built:
    """``bias_params``: reference name -> (variable on the cell, row or None)."""
    validate.choice("initial_state", initial_state, RECURRENT_INITIAL_STATES)
    rnn = layer_class(units, return_sequences=return_sequences, **options)
    cells = {"": "cell"}
    if bidirectional:
        rnn = keras.layers.Bidirectional(rnn, merge_mode="concat")
        cells = {"": "forward_layer.cell", "_reverse": "backward_layer.cell"}
    prefix = ""
    if initial_state == "learned":
        rnn = LearnedInitialState(rnn, states, units, tuple(cells))
        prefix = "rnn."
    params = {}
    for d, cell in cells.items():
        params.update({f"W{d}": Param(f"{prefix}{cell}.kernel"), f"U{d}": Param(f"{prefix}{cell}.recurrent_kernel")})
        params.update({f"{name}{d}": Param(f"{prefix}{cell}.{attr}", row=row) for name, (attr, row) in bias_params.items()})
        if initial_state == "learned":
            params.update({f"{s}0{d}": Param(f"{s}0{d}") for s in states})
    return Built(rnn, params)
