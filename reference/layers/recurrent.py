"""What simple_rnn, lstm and gru share: parameters per direction, the initial state, directions and outputs.

A recurrent layer reads x (N, T, F) batch-first and runs a cell over t = 0 … T − 1 (the backward direction of a
bidirectional layer over T − 1 … 0). Per direction (``reference.conventions.RECURRENT_GATES``):

    W (F, G·H), U (H, G·H), b (G·H,) [, recurrent_b (G·H,)] [, h0 (H,) [, c0 (H,)]]

The input projection of every step is one product, ``xw = x W + b`` (N, T, G·H); the cell (``scan``) adds the
recurrent term ``h_{t−1} U + recurrent_b`` step by step. Backward (backpropagation through time): the cell's
``scan_backward`` walks t = T − 1 … 0 and returns dxw (N, T, G·H), dU, d recurrent_b and the initial state's
gradient (N, H); then

    dx = dxw Wᵀ,   dW = Σ_{n,t} x[n,t]ᵀ dxw[n,t],   db = Σ_{n,t} dxw[n,t],   dh0 = Σ_n dstate0[n]

return_sequences=True: y (N, T, D·H) (D directions); False: (N, D·H), each direction's final state (the backward
direction's at t = 0). The upstream gradient of a direction enters its steps' outputs h_t (only the last, when
return_sequences=False); the final cell state of an LSTM is not an output and gets none.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.base import Module
from reference.conventions import RECURRENT_INITIAL_STATES


def sigmoid(a: np.ndarray) -> np.ndarray:
    """1 / (1 + e^{−a}) without overflow for large |a|."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


class Recurrent(Module):
    #: gate blocks along G·H (``reference.conventions.RECURRENT_GATES``)
    gates: tuple[str, ...] = ()
    #: the recurrent state's parts, each (N, H): ("h",), or ("h", "c") for an LSTM
    states: tuple[str, ...] = ("h",)

    def __init__(self, in_features: int, units: int, return_sequences: bool = False, bidirectional: bool = False,
                 initial_state: str = "zeros", recurrent_bias: bool = True):
        self.in_features = validate.integer("in_features", in_features, low=1)
        self.units = validate.integer("units", units, low=1)
        self.return_sequences = validate.flag("return_sequences", return_sequences)
        self.bidirectional = validate.flag("bidirectional", bidirectional)
        self.initial_state = validate.choice("initial_state", initial_state, RECURRENT_INITIAL_STATES)
        self.recurrent_bias = validate.flag("recurrent_bias", recurrent_bias)

    # --- the cell: subclasses -------------------------------------------------------------------------------
    def scan(self, xw, U, rb, state0):
        """hs (N, T, H), the outputs of steps 0 … T − 1 in processing order, and the cache."""
        raise NotImplementedError

    def scan_backward(self, dhs, cache):
        """(dxw (N, T, G·H), dU (H, G·H), drb (G·H,), dstate0: one (N, H) per entry of ``states``)."""
        raise NotImplementedError

    # --- shared ---------------------------------------------------------------------------------------------
    @property
    def directions(self) -> tuple[str, ...]:
        """Parameter-name suffixes, one per direction."""
        return ("", "_reverse") if self.bidirectional else ("",)

    def param_shapes(self, in_features):
        F, H, G = self.in_features, self.units, len(self.gates)
        shapes = {}
        for d in self.directions:
            shapes.update({f"W{d}": (F, G * H), f"U{d}": (H, G * H), f"b{d}": (G * H,)})
            if self.recurrent_bias:
                shapes[f"recurrent_b{d}"] = (G * H,)
            if self.initial_state == "learned":
                shapes.update({f"{s}0{d}": (H,) for s in self.states})
        return shapes

    def output_features(self, in_features):
        return self.units * len(self.directions)

    def output_shape(self, x_shape):
        n, t = x_shape[0], x_shape[1]
        return (n, t, self.output_features(x_shape[-1])) if self.return_sequences else (n, self.output_features(x_shape[-1]))

    def forward(self, x, params, *, training=False, rng=None, noise=None):
        self.check_forward(x, params)
        if x.ndim != 3 or x.shape[-1] != self.in_features:
            raise ValueError(f"x has shape {x.shape}: expected (N, T, in_features={self.in_features})")
        n, _, _ = x.shape
        outs, caches = [], []
        for d in self.directions:
            xs = x[:, ::-1] if d else x                                        # (N, T, F) in processing order
            W, U = params[f"W{d}"], params[f"U{d}"]
            rb = params[f"recurrent_b{d}"] if self.recurrent_bias else np.zeros(U.shape[1], x.dtype)
            state0 = tuple(np.broadcast_to(params[f"{s}0{d}"], (n, self.units)) if self.initial_state == "learned"
                           else np.zeros((n, self.units), x.dtype) for s in self.states)
            hs, cache = self.scan(xs @ W + params[f"b{d}"], U, rb, state0)   # (N, T, H)
            if self.return_sequences:
                outs.append(hs[:, ::-1] if d else hs)                        # time-aligned
            else:
                outs.append(hs[:, -1])                                       # the final state
            caches.append((xs, W, cache))
        return np.concatenate(outs, axis=-1), (x.shape, x.dtype, caches)

    def backward(self, dy, cache):
        x_shape, dtype, caches = cache
        self.check_backward(dy, self.output_shape(x_shape), dtype)
        n, t, f = x_shape
        h = self.units
        dx, grads = np.zeros(x_shape, dtype), {}
        for k, (d, (xs, W, c)) in enumerate(zip(self.directions, caches)):
            dyk = dy[..., k * h:(k + 1) * h]                                  # this direction's outputs
            if self.return_sequences:
                dhs = dyk[:, ::-1] if d else dyk                             # (N, T, H) in processing order
            else:
                dhs = np.zeros((n, t, h), dtype)
                dhs[:, -1] = dyk
            dxw, dU, drb, dstate0 = self.scan_backward(dhs, c)
            dxs = dxw @ W.T                                                  # (N, T, F)
            dx += dxs[:, ::-1] if d else dxs
            grads[f"W{d}"] = xs.reshape(-1, f).T @ dxw.reshape(-1, dxw.shape[-1])   # (F, G·H)
            grads[f"U{d}"] = dU
            grads[f"b{d}"] = dxw.sum(axis=(0, 1))
            if self.recurrent_bias:
                grads[f"recurrent_b{d}"] = drb
            if self.initial_state == "learned":
                grads.update({f"{s}0{d}": g.sum(axis=0) for s, g in zip(self.states, dstate0)})
        return dx, grads


def previous(hs: np.ndarray, h0: np.ndarray) -> np.ndarray:
    """h_{t−1} for t = 0 … T − 1: (N, T, H) from hs (N, T, H) and the initial h0 (N, H)."""
    return np.concatenate([h0[:, None], hs[:, :-1]], axis=1)
