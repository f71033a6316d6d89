"""Closed-loop problems: a loss of the parameters, with its gradient written out (no autograd).

Each problem draws its fixed data once (``data``), then ``loss_and_grad(params, data, scale)``
returns the loss times ``scale`` and its gradient; a small ``scale`` (1e-6) makes tiny gradients.
The frameworks compute the same losses with their own ops and autograd
(``torch_impl/optim_runner.py``, ``tf_impl/optim_runner.py``).

bowl        f = s·Σ_k ½·Σ_i a_ki·(p_ki − c_ki)²           ∂f/∂p_k = s·a_k ⊙ (p_k − c_k)
rosenbrock  params x, y of shape (n,):
            f = s·Σ_i (1 − x_i)² + 100·(y_i − x_i²)²
            ∂f/∂x = s·(−2(1 − x) − 400·x·(y − x²)),   ∂f/∂y = s·200·(y − x²)
mlp         x (N, in) → Dense(W1, b1) → ReLU → Dense(W2, b2) → ŷ (N, out);  f = s·mean((ŷ − y)²)
            built from the registry's reference Dense, ReLU and MSE (their backward passes give ∂f)
dense_mse   x (N, in) → Dense(W, b) → ŷ (N, out);  f = s·(mean((ŷ − y)²) + penalty(W))
            the regularizer trajectories' problem (``DenseMSE(penalty)``, penalty optional); not in
            ``PROBLEMS``: the optimizer runners have no counterpart, the regularizer runners do
"""
from __future__ import annotations

import numpy as np

import reference

MLP_BATCH = 16


class Problem:
    name = ""
    params: tuple[str, ...] = ()          # required parameter names (empty: any)

    def data(self, rng: np.random.Generator, params: dict, dtype: str) -> dict[str, np.ndarray]:
        return {}

    def loss_and_grad(self, params: dict, data: dict, scale: float) -> tuple[float, dict]:
        raise NotImplementedError


class Bowl(Problem):
    name = "bowl"

    def data(self, rng, params, dtype):
        out = {}
        for k in sorted(params):
            out[f"a:{k}"] = rng.uniform(0.5, 2.0, size=params[k].shape).astype(dtype)
            out[f"c:{k}"] = rng.standard_normal(params[k].shape).astype(dtype)
        return out

    def loss_and_grad(self, params, data, scale):
        loss, grads = 0.0, {}
        for k, p in params.items():
            d = p - data[f"c:{k}"]
            loss += 0.5 * float(np.sum(data[f"a:{k}"] * d * d))
            grads[k] = scale * (data[f"a:{k}"] * d)
        return scale * loss, grads


class Rosenbrock(Problem):
    name = "rosenbrock"
    params = ("x", "y")

    def loss_and_grad(self, params, data, scale):
        x, y = params["x"], params["y"]
        r = y - x * x
        loss = float(np.sum((1 - x) ** 2 + 100 * r * r))
        return scale * loss, {"x": scale * (-2 * (1 - x) - 400 * x * r), "y": scale * (200 * r)}


class MLP(Problem):
    name = "mlp"
    params = ("W1", "b1", "W2", "b2")

    def data(self, rng, params, dtype):
        n_in, n_out = params["W1"].shape[0], params["W2"].shape[1]
        return {"x": rng.standard_normal((MLP_BATCH, n_in)).astype(dtype),
                "y": rng.standard_normal((MLP_BATCH, n_out)).astype(dtype)}

    def loss_and_grad(self, params, data, scale):
        (n_in, n_hidden), n_out = params["W1"].shape, params["W2"].shape[1]
        dense1 = reference.get("layer", "dense")(in_features=n_in, units=n_hidden)
        relu = reference.get("activation", "relu")()
        dense2 = reference.get("layer", "dense")(in_features=n_hidden, units=n_out)
        mse = reference.get("loss", "mse")(reduction="mean")
        h, c1 = dense1.forward(data["x"], {"W": params["W1"], "b": params["b1"]})     # (N, hidden)
        a, c2 = relu.forward(h, {})
        y_hat, c3 = dense2.forward(a, {"W": params["W2"], "b": params["b2"]})       # (N, out)
        loss, c4 = mse.forward(y_hat, data["y"])
        dy = mse.backward(np.asarray(scale, dtype=y_hat.dtype), c4)
        da, g2 = dense2.backward(dy, c3)
        dh, _ = relu.backward(da, c2)
        _, g1 = dense1.backward(dh, c1)
        return scale * float(loss), {"W1": g1["W"], "b1": g1["b"], "W2": g2["W"], "b2": g2["b"]}


class DenseMSE(Problem):
    """One reference Dense layer fitted by MSE; ``penalty`` (a reference ``Penalty``) adds its value
    and its gradient on W, as a kernel regularizer does."""
    name = "dense_mse"
    params = ("W", "b")

    def __init__(self, penalty=None):
        self.penalty = penalty

    def data(self, rng, params, dtype):
        n_in, n_out = params["W"].shape
        return {"x": rng.standard_normal((MLP_BATCH, n_in)).astype(dtype),
                "y": rng.standard_normal((MLP_BATCH, n_out)).astype(dtype)}

    def loss_and_grad(self, params, data, scale):
        n_in, n_out = params["W"].shape
        dense = reference.get("layer", "dense")(in_features=n_in, units=n_out)
        mse = reference.get("loss", "mse")(reduction="mean")
        y_hat, c1 = dense.forward(data["x"], {"W": params["W"], "b": params["b"]})      # (N, out)
        loss, c2 = mse.forward(y_hat, data["y"])
        ds = np.asarray(scale, dtype=y_hat.dtype)
        _, grads = dense.backward(mse.backward(ds, c2), c1)
        if self.penalty is not None:
            value, c3 = self.penalty.forward(params["W"])
            loss = loss + value
            grads["W"] = grads["W"] + self.penalty.backward(ds, c3)
        return scale * float(loss), grads


PROBLEMS = {p.name: p for p in (Bowl(), Rosenbrock(), MLP())}


def get(name: str) -> Problem:
    if name not in PROBLEMS:
        raise KeyError(f"unknown problem {name!r}; valid names: {', '.join(sorted(PROBLEMS))}")
    return PROBLEMS[name]
