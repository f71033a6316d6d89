"""Simple (Elman) recurrent layer: torch ``nn.RNN(nonlinearity="tanh")``, Keras ``SimpleRNN``.

Forward, for t = 0 … T − 1 (h_{−1} = h0: zeros or the learned (H,) broadcast over the batch):

    a_t = x_t W + b + h_{t−1} U + recurrent_b        (N, H)
    h_t = tanh(a_t)

Backward (through time), from dh_t = dy_t + (the gradient reaching h_t from step t + 1):

    da_t = dh_t ⊙ (1 − h_t²),   dh_{t−1} += da_t Uᵀ,   dU = Σ_t h_{t−1}ᵀ da_t,   d recurrent_b = Σ_{n,t} da_t
    (dW, db, dx, dh0 from dxw = da: ``reference.layers.recurrent``)

Shapes: x (N, T, F), W (F, H), U (H, H), b and recurrent_b (H,), y (N, T, D·H) or (N, D·H); options and the
bidirectional layout as in ``reference.layers.recurrent.Recurrent``.
"""
from __future__ import annotations

import numpy as np

from reference.conventions import RECURRENT_GATES
from reference.layers.recurrent import Recurrent, previous
from reference.registry import register


@register("layer", "simple_rnn")
class SimpleRNN(Recurrent):
    gates = RECURRENT_GATES["simple_rnn"]

    def scan(self, xw, U, rb, state0):
        (h,) = state0
        hs = np.empty(xw.shape[:2] + (self.units,), xw.dtype)                # (N, T, H)
        for t in range(xw.shape[1]):
            h = np.tanh(xw[:, t] + h @ U + rb)
            hs[:, t] = h
        return hs, (hs, state0[0], U)

    def scan_backward(self, dhs, cache):
        hs, h0, U = cache
        da = np.empty_like(hs)                                               # (N, T, H)
        dh_next = np.zeros_like(h0)                                          # (N, H): from step t + 1
        for t in reversed(range(hs.shape[1])):
            da[:, t] = (dhs[:, t] + dh_next) * (1 - hs[:, t] ** 2)
            dh_next = da[:, t] @ U.T
        dU = np.einsum("nti,ntj->ij", previous(hs, h0), da)                  # (H, H)
        return da, dU, da.sum(axis=(0, 1)), (dh_next,)
