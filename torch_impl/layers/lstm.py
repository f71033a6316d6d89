"""LSTM <-> ``torch.nn.LSTM(batch_first=True)`` (``torch_impl/layers/recurrent.py``); torch's gate order i, f, g, o is
the reference's i, f, c, o, so the kernels are only transposed ("out_in")."""
import torch

from torch_impl.layers import recurrent
from torch_impl.registry import register, variant


@register("layer", "lstm")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True):
    return recurrent.build(torch.nn.LSTM, ("h", "c"), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias)


@variant("layer", "lstm", "last_step")
def build_last_step(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
                    recurrent_bias=True):
    """The last output taken as ``output[:, -1]``, as for a one-directional LSTM."""
    return recurrent.build(torch.nn.LSTM, ("h", "c"), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias, last="last_step")


@variant("layer", "lstm", "time_major")
def build_time_major(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
                     recurrent_bias=True):
    """torch's default ``batch_first=False``: (N, T, F) read as (T, N, F)."""
    return recurrent.build(torch.nn.LSTM, ("h", "c"), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias, batch_first=False)
