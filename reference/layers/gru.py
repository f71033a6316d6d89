"""Gated recurrent unit layer: torch ``nn.GRU`` and Keras ``GRU`` (reset_after=True, both defaults), and the
original form of Cho et al. (2014), Keras ``GRU(reset_after=False)`` (torch has no such option).

Forward, for t = 0 … T − 1 (h_{−1} = h0: zeros or the learned (H,) broadcast over the batch), gate blocks in
Keras's order z, r, h (torch's r, z, n), xw_t = x_t W + b = [x_z | x_r | x_h], u = recurrent_b = [u_z | u_r | u_h]:

    z = σ(x_z + h_{t−1} U_z + u_z),   r = σ(x_r + h_{t−1} U_r + u_r)
    reset_after=True:   n = tanh(x_h + r ⊙ (h_{t−1} U_h + u_h))        (the reset gate after the product)
    reset_after=False:  n = tanh(x_h + (r ⊙ h_{t−1}) U_h + u_h)         (before it)
    h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n

Backward (through time), dh = dy_t + dh from step t + 1:

    dn = dh ⊙ (1 − z),  da_h = dn ⊙ (1 − n²),  da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z)
    after:  p = h_{t−1} U_h + u_h,  dp = da_h ⊙ r,  da_r = da_h ⊙ p ⊙ r(1 − r),
            dh_{t−1} = dh ⊙ z + [da_z | da_r | dp] Uᵀ,
            dU = Σ_t h_{t−1}ᵀ [da_z | da_r | dp],  du = Σ [da_z | da_r | dp]
    before: dq = da_h U_hᵀ (q = r ⊙ h_{t−1}),  da_r = dq ⊙ h_{t−1} ⊙ r(1 − r),
            dh_{t−1} = dh ⊙ z + dq ⊙ r + [da_z | da_r] U_{zr}ᵀ,  dU_{zr} = Σ_t h_{t−1}ᵀ [da_z | da_r],
            dU_h = Σ_t qᵀ da_h,  du = Σ [da_z | da_r | da_h]
    dxw_t = [da_z | da_r | da_h]

Shapes: x (N, T, F), W (F, 3H), U (H, 3H), b and recurrent_b (3H,), y (N, T, D·H) or (N, D·H). With
reset_after=False a recurrent bias only adds to b (Keras has none there: recurrent_bias=False). Other options as in
``reference.layers.recurrent.Recurrent``.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.conventions import RECURRENT_GATES
from reference.layers.recurrent import Recurrent, previous, sigmoid
from reference.registry import register


@register("layer", "gru")
class GRU(Recurrent):
    gates = RECURRENT_GATES["gru"]

    def __init__(self, in_features: int, units: int, return_sequences: bool = False, bidirectional: bool = False,
                 initial_state: str = "zeros", recurrent_bias: bool = True, reset_after: bool = True):
        super().__init__(in_features, units, return_sequences, bidirectional, initial_state, recurrent_bias)
        self.reset_after = validate.flag("reset_after", reset_after)

    def scan(self, xw, U, rb, state0):
        (h,) = state0
        H, T = self.units, xw.shape[1]
        hs = np.empty(xw.shape[:2] + (H,), xw.dtype)                          # (N, T, H)
        acts = np.empty_like(xw)                                             # (N, T, 3H): z, r, n
        ps = np.empty_like(hs)                                               # h_{t−1} U_h + u_h (after) or r ⊙ h_{t−1}
        for t in range(T):
            a = xw[:, t, :2 * H] + h @ U[:, :2 * H] + rb[:2 * H]             # (N, 2H)
            z, r = sigmoid(a[:, :H]), sigmoid(a[:, H:])
            if self.reset_after:
                p = h @ U[:, 2 * H:] + rb[2 * H:]
                n = np.tanh(xw[:, t, 2 * H:] + r * p)
            else:
                p = r * h
                n = np.tanh(xw[:, t, 2 * H:] + p @ U[:, 2 * H:] + rb[2 * H:])
            h = z * h + (1 - z) * n
            acts[:, t] = np.concatenate([z, r, n], axis=-1)
            hs[:, t], ps[:, t] = h, p
        return hs, (hs, acts, ps, state0[0], U)

    def scan_backward(self, dhs, cache):
        hs, acts, ps, h0, U = cache
        H = self.units
        h_prev = previous(hs, h0)                                            # (N, T, H)
        dxw = np.empty_like(acts)                                            # (N, T, 3H)
        dhu = np.empty_like(acts)                                            # gradient of what U's columns produce
        dh_next = np.zeros_like(h0)
        for t in reversed(range(hs.shape[1])):
            z, r, n = (acts[:, t, k * H:(k + 1) * H] for k in range(3))
            hp, p = h_prev[:, t], ps[:, t]
            dh = dhs[:, t] + dh_next
            da_h = dh * (1 - z) * (1 - n ** 2)
            da_z = dh * (hp - n) * z * (1 - z)
            if self.reset_after:
                da_r = da_h * p * r * (1 - r)
                dhu[:, t] = np.concatenate([da_z, da_r, da_h * r], axis=-1)
                dh_next = dh * z + dhu[:, t] @ U.T
            else:
                dq = da_h @ U[:, 2 * H:].T
                da_r = dq * hp * r * (1 - r)
                dhu[:, t] = np.concatenate([da_z, da_r, da_h], axis=-1)
                dh_next = dh * z + dq * r + dhu[:, t, :2 * H] @ U[:, :2 * H].T
            dxw[:, t] = np.concatenate([da_z, da_r, da_h], axis=-1)
        if self.reset_after:
            dU = np.einsum("nti,ntj->ij", h_prev, dhu)                       # (H, 3H)
        else:
            dU = np.concatenate([np.einsum("nti,ntj->ij", h_prev, dhu[..., :2 * H]),
                                 np.einsum("nti,ntj->ij", ps, dhu[..., 2 * H:])], axis=-1)
        return dxw, dU, dhu.sum(axis=(0, 1)), (dh_next,)
