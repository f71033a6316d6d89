"""Long short-term memory layer: torch ``nn.LSTM``, Keras ``LSTM`` (recurrent activation σ, activation tanh).

Forward, for t = 0 … T − 1 (h_{−1}, c_{−1} = h0, c0: zeros or learned (H,) vectors broadcast over the batch),
gate blocks in Keras's order i, f, c, o (torch's i, f, g, o):

    a_t = x_t W + b + h_{t−1} U + recurrent_b            (N, 4H) = [a_i | a_f | a_c | a_o]
    i = σ(a_i),  f = σ(a_f),  g = tanh(a_c),  o = σ(a_o)
    c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)

Backward (through time), with dh = dy_t + dh from step t + 1 and dc from step t + 1:

    dc  += dh ⊙ o ⊙ (1 − tanh²c_t)
    da_i = dc ⊙ g ⊙ i(1 − i),  da_f = dc ⊙ c_{t−1} ⊙ f(1 − f),  da_c = dc ⊙ i ⊙ (1 − g²),
    da_o = dh ⊙ tanh c_t ⊙ o(1 − o)
    dc_{t−1} = dc ⊙ f,   dh_{t−1} = da_t Uᵀ,   dU = Σ_t h_{t−1}ᵀ da_t,   d recurrent_b = Σ_{n,t} da_t

Shapes: x (N, T, F), W (F, 4H), U (H, 4H), b and recurrent_b (4H,), h0 and c0 (H,); y (N, T, D·H) or (N, D·H).
The final cell state is not an output. Options as in ``reference.layers.recurrent.Recurrent``.
"""
from __future__ import annotations

import numpy as np

from reference.conventions import RECURRENT_GATES
from reference.layers.recurrent import Recurrent, previous, sigmoid
from reference.registry import register


@register("layer", "lstm")
class LSTM(Recurrent):
    gates = RECURRENT_GATES["lstm"]
    states = ("h", "c")

    def scan(self, xw, U, rb, state0):
        h, c = state0
        H, T = self.units, xw.shape[1]
        hs = np.empty(xw.shape[:2] + (H,), xw.dtype)                          # (N, T, H)
        acts = np.empty_like(xw)                                             # (N, T, 4H): i, f, g, o
        cs = np.empty_like(hs)                                               # (N, T, H)
        for t in range(T):
            a = xw[:, t] + h @ U + rb                                        # (N, 4H)
            i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 3 * H:])
            g = np.tanh(a[:, 2 * H:3 * H])
            c = f * c + i * g
            h = o * np.tanh(c)
            acts[:, t] = np.concatenate([i, f, g, o], axis=-1)
            hs[:, t], cs[:, t] = h, c
        return hs, (hs, cs, acts, state0, U)

    def scan_backward(self, dhs, cache):
        hs, cs, acts, (h0, c0), U = cache
        H = self.units
        c_prev = previous(cs, c0)                                            # (N, T, H)
        da = np.empty_like(acts)                                             # (N, T, 4H)
        dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
        for t in reversed(range(hs.shape[1])):
            i, f, g, o = (acts[:, t, k * H:(k + 1) * H] for k in range(4))
            tc = np.tanh(cs[:, t])
            dh = dhs[:, t] + dh_next
            dc = dc_next + dh * o * (1 - tc ** 2)
            da[:, t] = np.concatenate([dc * g * i * (1 - i), dc * c_prev[:, t] * f * (1 - f),
                                       dc * i * (1 - g ** 2), dh * tc * o * (1 - o)], axis=-1)
            dc_next = dc * f
            dh_next = da[:, t] @ U.T
        dU = np.einsum("nti,ntj->ij", previous(hs, h0), da)                  # (H, 4H)
        return da, dU, da.sum(axis=(0, 1)), (dh_next, dc_next)
