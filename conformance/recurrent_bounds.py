"""Rounding-error allowances of the recurrent layers (simple_rnn, lstm, gru), registered in ``conformance/bounds.py``.

Every step is a Dense-like product followed by elementwise gates, and its error feeds the next step. The allowance is
the first-order rounding-error bound of the computation, carried through the T steps forward and back: every value v
is an ``Err`` (its float64 value and a bound e ≥ |fl(v) − v| of one implementation in ``dtype``), and each operation
adds its own rounding to the bounds of its operands, propagated by the absolute value of its derivatives:

    a ± b     e_a + e_b + u·(|a| + |b|)                      (any order of a few terms: ≤ u·Σ|terms| each)
    a ⊙ b     |a|·e_b + e_a·|b| + u·|a b|
    A B       |A| e_B + e_A |B| + γ_n·|A||B|                  (n terms, any summation order: ``rounding_bound``)
    f(a)      |f′(a)|·e_a + C·u·|f(a)|                        (tanh, σ: C = 4 ulps of the library's function)
    Σ_{n,t}   Σ e + γ_{NT}·Σ|terms|

u = 2⁻²⁴ (float32) or 2⁻⁵³. A pre-activation x W + b + h U + u_b is bounded as one sum of F + H + 2 terms,
γ_{F+H+2}·(|x||W| + |b| + |h||U| + |u_b|), whatever order a framework adds them in. The forward recursion gives the
outputs' bound; backpropagation through time repeats the reference's backward on ``Err`` values (its inputs: the
forward's cached values with their bounds, and dy exactly). Two implementations lie within twice one's bound: that
is the allowance of each check (forward, grad_input, every grad_param). Second-order terms (e·e) are left out.
"""
from __future__ import annotations

import numpy as np

from conformance.tolerances import UNIT_ROUNDOFF, gamma

C_FUNCTION = 4          # ulps of tanh / σ / exp in a library (the table's rtol covers a few more at the output)


class Err:
    """A value (float64) and a bound on the rounding error of computing it in ``dtype``."""

    def __init__(self, v, e=None, dtype="float32"):
        self.v = np.asarray(v, dtype=np.float64)
        self.e = np.zeros_like(self.v) if e is None else np.asarray(e, dtype=np.float64)
        self.dtype = dtype

    @property
    def u(self):
        return UNIT_ROUNDOFF[str(np.dtype(self.dtype))]

    def _lift(self, o):
        return o if isinstance(o, Err) else Err(o, None, self.dtype)

    def __add__(self, o):
        o = self._lift(o)
        return Err(self.v + o.v, self.e + o.e + self.u * (np.abs(self.v) + np.abs(o.v)), self.dtype)

    __radd__ = __add__

    def __neg__(self):
        return Err(-self.v, self.e, self.dtype)

    def __sub__(self, o):
        return self + (-self._lift(o))

    def __rsub__(self, o):
        return self._lift(o) + (-self)

    def __mul__(self, o):
        o = self._lift(o)
        v = self.v * o.v
        return Err(v, np.abs(self.v) * o.e + self.e * np.abs(o.v) + self.u * np.abs(v), self.dtype)

    __rmul__ = __mul__

    def __matmul__(self, o):
        a, b = np.abs(self.v), np.abs(o.v)
        return Err(self.v @ o.v, a @ o.e + self.e @ b + gamma(self.v.shape[-1], self.dtype) * (a @ b), self.dtype)

    def __getitem__(self, k):
        return Err(self.v[k], self.e[k], self.dtype)

    @property
    def T(self):
        return Err(self.v.T, self.e.T, self.dtype)

    def total(self, axis):
        """Σ over ``axis`` (any order)."""
        n = int(np.prod([self.v.shape[a] for a in np.atleast_1d(axis)]))
        rounding = gamma(max(n, 1), self.dtype) * np.abs(self.v).sum(axis=axis)
        return Err(self.v.sum(axis=axis), self.e.sum(axis=axis) + rounding, self.dtype)


def tanh(a: Err) -> Err:
    v = np.tanh(a.v)
    return Err(v, (1 - v ** 2) * a.e + C_FUNCTION * a.u * np.abs(v), a.dtype)


def sigmoid(a: Err) -> Err:
    v = 0.5 * (1 + np.tanh(0.5 * a.v))
    return Err(v, v * (1 - v) * a.e + C_FUNCTION * a.u * v, a.dtype)


def cat(parts: list[Err], axis=-1) -> Err:
    return Err(np.concatenate([p.v for p in parts], axis=axis), np.concatenate([p.e for p in parts], axis=axis),
               parts[0].dtype)


def stack(parts: list[Err], axis=1) -> Err:
    return Err(np.stack([p.v for p in parts], axis=axis), np.stack([p.e for p in parts], axis=axis), parts[0].dtype)


def affine(x: Err, W: np.ndarray, h: Err, U: np.ndarray, b, rb, dtype) -> Err:
    """x W + b + h U + rb as one sum of F + H + 2 terms (order-free), plus h's error through |U|."""
    v = x.v @ W + b + h.v @ U + rb
    mags = np.abs(x.v) @ np.abs(W) + np.abs(b) + np.abs(h.v) @ np.abs(U) + np.abs(rb)
    return Err(v, h.e @ np.abs(U) + gamma(W.shape[0] + U.shape[0] + 2, dtype) * mags, dtype)


# --- the cells, forward and backward, on Err values (formulas: reference/layers/<name>.py) ----------------------------

def _simple_rnn(ref, x, p, state0, dhs, dtype):
    (h,), T = state0, x.v.shape[1]
    hs, hps = [], []
    for t in range(T):
        hps.append(h)
        h = tanh(affine(x[:, t], p["W"], h, p["U"], p["b"], p["rb"], dtype))
        hs.append(h)
    U = Err(p["U"], None, dtype)
    das, dn = [None] * T, Err(np.zeros_like(h.v), None, dtype)
    for t in reversed(range(T)):
        das[t] = (dhs[:, t] + dn) * (1 - hs[t] * hs[t])
        dn = das[t] @ U.T
    da = stack(das)
    return stack(hs), da, {"U": stack(hps), "dU": da}, [dn]


def _lstm(ref, x, p, state0, dhs, dtype):
    (h, c), T, H = state0, x.v.shape[1], ref.units
    steps = []
    for t in range(T):
        a = affine(x[:, t], p["W"], h, p["U"], p["b"], p["rb"], dtype)
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
        c_prev, h_prev = c, h
        c = f * c + i * g
        tc = tanh(c)
        h = o * tc
        steps.append((i, f, g, o, c_prev, h_prev, tc, h))
    U = Err(p["U"], None, dtype)
    das, dn, dc_next = [None] * T, Err(np.zeros_like(h.v), None, dtype), Err(np.zeros_like(c.v), None, dtype)
    for t in reversed(range(T)):
        i, f, g, o, c_prev, _, tc, _ = steps[t]
        dh = dhs[:, t] + dn
        dc = dc_next + dh * o * (1 - tc * tc)
        das[t] = cat([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)])
        dc_next = dc * f
        dn = das[t] @ U.T
    da = stack(das)
    return stack([s[7] for s in steps]), da, {"U": stack([s[5] for s in steps]), "dU": da}, [dn, dc_next]


def _gru(ref, x, p, state0, dhs, dtype):
    (h,), T, H = state0, x.v.shape[1], ref.units
    W, U, b, rb = p["W"], p["U"], p["b"], p["rb"]
    Ue = Err(U, None, dtype)
    steps = []
    for t in range(T):
        xt = x[:, t]
        a = affine(xt, W[:, :2 * H], h, U[:, :2 * H], b[:2 * H], rb[:2 * H], dtype)
        z, r = sigmoid(a[:, :H]), sigmoid(a[:, H:])
        xh = xt @ Err(W[:, 2 * H:], None, dtype) + b[2 * H:]
        if ref.reset_after:
            q = h @ Ue[:, 2 * H:] + rb[2 * H:]
            n = tanh(xh + r * q)
        else:
            q = r * h
            n = tanh(xh + (q @ Ue[:, 2 * H:] + rb[2 * H:]))
        steps.append((z, r, n, h, q))
        h = z * h + (1 - z) * n
        steps[-1] += (h,)
    dxws, dhus, dn = [None] * T, [None] * T, Err(np.zeros_like(h.v), None, dtype)
    for t in reversed(range(T)):
        z, r, n, hp, q, _ = steps[t]
        dh = dhs[:, t] + dn
        da_h = dh * (1 - z) * (1 - n * n)
        da_z = dh * (hp - n) * z * (1 - z)
        if ref.reset_after:
            da_r = da_h * q * r * (1 - r)
            dhus[t] = cat([da_z, da_r, da_h * r])
            dn = dh * z + dhus[t] @ Ue.T
        else:
            dq = da_h @ Ue[:, 2 * H:].T
            da_r = dq * hp * r * (1 - r)
            dhus[t] = cat([da_z, da_r, da_h])
            dn = dh * z + dq * r + dhus[t][:, :2 * H] @ Ue[:, :2 * H].T
        dxws[t] = cat([da_z, da_r, da_h])
    hs = stack([s[5] for s in steps])
    h_prev, dhu = stack([s[3] for s in steps]), stack(dhus)
    if ref.reset_after:
        grads_u = {"U": h_prev, "dU": dhu}
    else:
        grads_u = {"U": (h_prev, stack([s[4] for s in steps])), "dU": dhu}
    return hs, stack(dxws), grads_u, [dn]


CELLS = {"simple_rnn": _simple_rnn, "lstm": _lstm, "gru": _gru}


def _sum_nt(a: Err, b: Err) -> np.ndarray:
    """The bound of Σ_{n,t} aᵀ b (a (N, T, I), b (N, T, J)): (I, J)."""
    a2, b2 = a.v.reshape(-1, a.v.shape[-1]), b.v.reshape(-1, b.v.shape[-1])
    ea, eb = a.e.reshape(a2.shape), b.e.reshape(b2.shape)
    return (np.abs(a2).T @ eb + ea.T @ np.abs(b2) + gamma(len(a2), a.dtype) * (np.abs(a2).T @ np.abs(b2)))


def recurrent(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """The allowance of every check of ``ref`` (SimpleRNN, LSTM or GRU) on x (N, T, F), dy of the output's shape."""
    name = {"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru"}[type(ref).__name__]
    n, t, f = x.shape
    H = ref.units
    params = {k: v.astype(np.float64) for k, v in params.items()}
    out_f, out_dx, grads = [], np.zeros(x.shape), {}
    for k, d in enumerate(ref.directions):
        xs = Err(x[:, ::-1] if d else x, None, dtype)
        p = {"W": params[f"W{d}"], "U": params[f"U{d}"], "b": params[f"b{d}"],
             "rb": params[f"recurrent_b{d}"] if ref.recurrent_bias else np.zeros(params[f"U{d}"].shape[1])}
        state0 = [Err(np.broadcast_to(params[f"{s}0{d}"], (n, H)) if ref.initial_state == "learned" else np.zeros((n, H)),
                      None, dtype) for s in ref.states]
        dyk = dy[..., k * H:(k + 1) * H].astype(np.float64)
        if ref.return_sequences:
            dhs = dyk[:, ::-1] if d else dyk
        else:
            dhs = np.zeros((n, t, H))
            dhs[:, -1] = dyk
        hs, dxw, gu, dstate0 = CELLS[name](ref, xs, p, state0, Err(dhs, None, dtype), dtype)
        if ref.return_sequences:
            out_f.append(hs.e[:, ::-1] if d else hs.e)
        else:
            out_f.append(hs.e[:, -1])
        dxs = dxw @ Err(p["W"].T, None, dtype)
        out_dx += dxs.e[:, ::-1] if d else dxs.e
        grads[f"W{d}"] = _sum_nt(xs, dxw)
        grads[f"b{d}"] = dxw.total(axis=(0, 1)).e
        if isinstance(gu["U"], tuple):          # GRU reset_after=False: U_h multiplies r ⊙ h_{t−1}
            hp, q = gu["U"]
            grads[f"U{d}"] = np.concatenate([_sum_nt(hp, gu["dU"][..., :2 * H]), _sum_nt(q, gu["dU"][..., 2 * H:])], -1)
        else:
            grads[f"U{d}"] = _sum_nt(gu["U"], gu["dU"])
        if ref.recurrent_bias:
            grads[f"recurrent_b{d}"] = gu["dU"].total(axis=(0, 1)).e
        if ref.initial_state == "learned":
            grads.update({f"{s}0{d}": g.total(axis=0).e for s, g in zip(ref.states, dstate0)})
    bound = {"forward": np.concatenate(out_f, axis=-1), "grad_input": out_dx,
             **{f"grad_param:{k}": v for k, v in grads.items()}}
    return {k: 2 * v for k, v in bound.items()}
