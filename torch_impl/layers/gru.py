"""GRU <-> ``torch.nn.GRU(batch_first=True)`` (``torch_impl/layers/recurrent.py``). torch orders the gates r, z, n
against the reference's (Keras's) z, r, h: layout "gru_gates" (``torch_impl/layout.py``) swaps the first two blocks.

torch's GRU is the reset-after form only: given ``reset_after=False`` (Keras's original Cho et al. form) this builds
the one torch has, and the irreducible record ``gru/torch`` measures the difference."""
import torch

from reference import validate
from torch_impl.layers import recurrent
from torch_impl.registry import register, variant


@register("layer", "gru")
def build(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
          recurrent_bias=True, reset_after=True):
    validate.flag("reset_after", reset_after)
    return recurrent.build(torch.nn.GRU, ("h",), "gru_gates", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias)


@variant("layer", "gru", "keras_gate_order")
def build_keras_gate_order(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
                           recurrent_bias=True, reset_after=True):
    """Keras GRU weights (gates z, r, h) copied into torch by transposing only, as for an LSTM."""
    validate.flag("reset_after", reset_after)
    return recurrent.build(torch.nn.GRU, ("h",), "out_in", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias)


@variant("layer", "gru", "time_major")
def build_time_major(in_features, units, return_sequences=False, bidirectional=False, initial_state="zeros",
                     recurrent_bias=True, reset_after=True):
    """torch's default ``batch_first=False``: (N, T, F) read as (T, N, F)."""
    validate.flag("reset_after", reset_after)
    return recurrent.build(torch.nn.GRU, ("h",), "gru_gates", in_features, units, return_sequences, bidirectional,
                           initial_state, recurrent_bias, batch_first=False)
