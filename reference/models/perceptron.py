"""The perceptron learning rule (Rosenblatt): online updates with a sign activation.

    fit(x, t, orders, w0=None, b0=None) -> {"w", "b", "score", "mistakes"}
        x (N, F), t (N,) in {−1, +1}, orders: one permutation of range(N) per epoch
        (``reference.models.training.epoch_orders``), w0 (F,) and b0 () the start (zeros when None)
        w (T, F) and b (T,) after each of the T = epochs·N steps, score (T,) the score of each step's
        sample before its update, mistakes (epochs,) the samples of each epoch with sign(score) ≠ t
    predict(x, w, b) -> sign(x·w + b)                                                        (N,)

One step, for the sample n = order[i]:

    s = x_n·w + b                      the score
    e = t_n − sign(s)                  0 when right, ±2 when wrong, ±1 when s = 0
    w ← w + η·e·x_n,   b ← b + η·e

sign(0) = 0, the mathematical sign, and what ``np.sign``, ``torch.sign`` and ``tf.sign`` all return (−0
included), so the three implementations use their own sign as it is. A sample exactly on the boundary
counts as a mistake and gets half a step: with w0 = 0 the first step is w = η·t·x.

What it minimizes: not a likelihood. The perceptron criterion J(w, b) = Σ_n max(0, −t_n·s_n) is zero
exactly when every sample is on its side, and the rule is stochastic (sub)gradient descent on it with
learning rate 2η: ∂ max(0, −t·s)/∂w = −t·x·(1 − t·sign(s))/2 (−t·x when wrong, 0 when right, half of
it at s = 0, a valid subgradient there), and −2η times that is η·(t − sign(s))·x because t² = 1.
On linearly separable data the rule stops making mistakes after finitely many updates (Novikoff, from
w = 0: at most (R/γ)² mistakes when every step is a full one, R = max‖(x, 1)‖ and γ the margin of a
separating (w, b) of unit norm; half steps at s = 0 loosen it to 4·(R/γ)² at worst).
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.registry import register


@register("model", "perceptron")
class Perceptron:
    def __init__(self, learning_rate: float = 1.0):
        self.learning_rate = validate.number("learning_rate", learning_rate, low=0.0, low_open=True)

    def fit(self, x: np.ndarray, t: np.ndarray, orders, w0: np.ndarray | None = None,
            b0: np.ndarray | None = None) -> dict:
        x, t, orders = self.check_data(x, t, orders)
        w = np.zeros(x.shape[1], x.dtype) if w0 is None else validate.array("w0", w0, shape=(x.shape[1],),
                                                                            dtype_of=("x", x.dtype)).copy()
        b = np.zeros((), x.dtype) if b0 is None else validate.array("b0", b0, shape=(), dtype_of=("x", x.dtype)).copy()
        lr = x.dtype.type(self.learning_rate)
        ws, bs, scores, mistakes = [], [], [], []
        for order in orders:
            wrong = 0
            for n in order:
                score = x[n] @ w + b                                     # ()
                error = t[n] - np.sign(score)                            # 0, ±1 or ±2
                w = w + (lr * error) * x[n]                              # (F,)
                b = b + lr * error
                wrong += int(error != 0)
                ws.append(w)
                bs.append(b)
                scores.append(score)
            mistakes.append(wrong)
        return {"w": np.stack(ws), "b": np.stack(bs), "score": np.stack(scores), "mistakes": np.array(mistakes)}

    @staticmethod
    def predict(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        validate.array("x", x, min_ndim=2)
        validate.array("w", w, shape=(x.shape[-1],), dtype_of=("x", x.dtype))
        validate.array("b", b, shape=(), dtype_of=("x", x.dtype))
        return np.sign(x @ w + b)                                        # (N,)

    @staticmethod
    def criterion(x: np.ndarray, t: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The perceptron criterion Σ_n max(0, −t_n·(x_n·w + b)): 0 iff every sample is on its side."""
        return np.sum(np.maximum(0, -t * (x @ w + b)))

    @staticmethod
    def check_data(x, t, orders) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        """x (N, F) finite, t (N,) of x's dtype with values ±1, each order a permutation of range(N)."""
        validate.array("x", x, min_ndim=2)
        if x.ndim != 2 or 0 in x.shape:
            raise ValueError(f"x has shape {x.shape}: expected (N, F) with N >= 1 and F >= 1")
        if not np.all(np.isfinite(x)):
            raise ValueError("x holds non-finite values: expected finite data")
        validate.array("t", t, shape=(x.shape[0],), dtype_of=("x", x.dtype))
        if not np.all(np.abs(t) == 1):
            bad = float(t[np.abs(t) != 1][0])
            raise ValueError(f"t holds {bad!r}: expected labels -1 or +1 (the perceptron's targets are signs)")
        orders = validate.sequence("orders", orders, "permutations of range(N), one per epoch")
        if not orders:
            raise ValueError("orders=[] is not allowed: expected at least one epoch's order")
        out = []
        for e, order in enumerate(orders):
            order = np.asarray(order)
            if order.dtype.kind not in "iu" or sorted(order.tolist()) != list(range(len(x))):
                raise ValueError(f"orders[{e}] is not allowed: expected a permutation of range({len(x)})")
            out.append(order)
        return x, t, out
