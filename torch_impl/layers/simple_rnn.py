"""SimpleRNN <-> ``torch.nn.RNN(nonlinearity="tanh", batch_first=True)`` (``torch_impl/layers/recurrent.py``)."""
import torch

from torch_impl.layers import recurrent
from torch_impl.registry import register, variant


@register("layer", "simple_rnn")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True):
    return recurrent.build(torch.nn.RNN, ("h",), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias, nonlinearity="tanh")


@variant("layer", "simple_rnn", "time_major")
def build_time_major(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
                     recurrent_bias=True):
    """torch's default ``batch_first=False``: (N, T, F) read as (T, N, F)."""
    return recurrent.build(torch.nn.RNN, ("h",), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias, batch_first=False, nonlinearity="tanh")
