"""What the torch recurrent builders share: ``nn.RNN``/``nn.LSTM``/``nn.GRU`` built batch-first, inside the small
module a torch user writes around them (``Recurrent``), and the reference's parameter names on it.

* learned initial state: one ``nn.Parameter`` of shape (H,) per state and direction (``h0``, ``c0``,
  ``h0_reverse``, ...), expanded over the batch and passed as ``rnn(x, h0)`` / ``rnn(x, (h0, c0))``;
* return_sequences=False: the final states h_n (D, N, H), directions concatenated: (N, D·H), which is
  ``output[:, -1]`` forward but not backward (the ``last_step`` variant shows it);
* recurrent_bias=False (a Keras layer's one bias): ``bias_hh_l0`` set to 0 and frozen, an exact mapping.
"""
from __future__ import annotations

import torch

from reference import validate
from reference.conventions import RECURRENT_INITIAL_STATES
from torch_impl.registry import Built, Param


class Recurrent(torch.nn.Module):
    def __init__(self, rnn: torch.nn.RNNBase, states: tuple[str, ...], return_sequences: bool, learned: bool,
                 last: str = "h_n"):
        super().__init__()
        self.rnn, self.states, self.return_sequences, self.learned, self.last = rnn, states, return_sequences, learned, last
        self.suffixes = ("", "_reverse") if rnn.bidirectional else ("",)
        if learned:
            for s in states:
                for d in self.suffixes:
                    self.register_parameter(f"{s}0{d}", torch.nn.Parameter(torch.zeros(rnn.hidden_size)))

    def forward(self, x):
        hx = None
        if self.learned:
            n = x.shape[0 if self.rnn.batch_first else 1]
            hx = tuple(torch.stack([getattr(self, f"{s}0{d}") for d in self.suffixes])[:, None, :]
                       .expand(-1, n, -1).contiguous() for s in self.states)            # each (D, N, H)
            hx = hx if len(hx) > 1 else hx[0]
        output, h_n = self.rnn(x, hx)                                                   # (N, T, D·H)
        if self.return_sequences:
            return output
        if self.last == "last_step":
            return output[:, -1]
        h_n = h_n[0] if isinstance(h_n, tuple) else h_n                                 # (D, N, H)
        return torch.cat(list(h_n), dim=-1)                                             # (N, D·H)


def build(rnn_class, states, gates_layout, in_features, units, return_sequences=False, bidirectional=False,
          initial_state="zeros", recurrent_bias=True, batch_first=True, last="h_n", **options) -> Built:
    validate.choice("initial_state", initial_state, RECURRENT_INITIAL_STATES)
    rnn = rnn_class(in_features, units, batch_first=batch_first, bidirectional=bidirectional, **options)
    learned = initial_state == "learned"
    module = Recurrent(rnn, states, return_sequences, learned, last)
    params = {}
    for d in module.suffixes:
        params.update({f"W{d}": Param(f"rnn.weight_ih_l0{d}", gates_layout),
                       f"U{d}": Param(f"rnn.weight_hh_l0{d}", gates_layout),
                       f"b{d}": Param(f"rnn.bias_ih_l0{d}", gates_layout)})
        if recurrent_bias:
            params[f"recurrent_b{d}"] = Param(f"rnn.bias_hh_l0{d}", gates_layout)
        else:                                      # Keras's one bias: torch's second one held at 0
            bias_hh = getattr(rnn, f"bias_hh_l0{d}")
            with torch.no_grad():
                bias_hh.zero_()
            bias_hh.requires_grad_(False)
        if learned:
            params.update({f"{s}0{d}": Param(f"{s}0{d}") for s in states})
    return Built(module, params)
