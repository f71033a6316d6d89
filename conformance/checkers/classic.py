"""Checkers of the classic algorithms of the "model" family: the normal equations (ordinary least
squares and ridge, closed form) and the perceptron learning rule. Linear, logistic and softmax
regression by gradient descent are Sequential models (``conformance/cases/models.py``).

Both draw their data from the case's generator (``case.setup["data"]``: (name, kwargs) of
``reference/models/datasets.py``) and call the framework through ``Adapter.run_classic``.

normal_equations (``setup``: data). Checks, each with the table's atol scaled to the quantity's size
(``trajectory.atol_scale``) and the rounding allowance ``solve_bounds`` derives from the data:
  param:w, param:b   the solution                               (F, K), (K,)
  predictions        x·w + b at each side's own solution        (N, K)
  loss               the mean squared error there (the Gaussian negative log-likelihood per element,
                     up to its constants)
  objective          ‖x·w + b − y‖² + λ‖w‖², what the closed form minimizes (the negative log-posterior
                     under the Gaussian prior, up to constants; the NLL when λ = 0)

perceptron (``setup``: data with labels ±1, epochs, shuffle, init "zeros" or "normal"; at most
``MAX_UPDATES`` steps). One generator draws the data, then (init "normal") w0 ~ N(0, 1/F) and
b0 ~ N(0, 1), then each epoch's order (``training.epoch_orders``). Checks, per step (axis 0):
  score              x_n·w + b before the step, with the dot product's rounding bound
  param:w, param:b   the weights after the step: the update is elementwise (η·e·x_n with e in
                     {0, ±1, ±2}, one addition), so all three round alike and the table holds; a
                     sign decided differently shows as a jump here and in ``mistakes``
then ``mistakes`` (per epoch, integers: exact) and ``predictions`` (sign(x·w + b) on all of x at the
framework's trained weights: its ``predict`` alone).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

import reference
from conformance import spec_catalog
from conformance.check import Check
from conformance.checkers import trajectory
from conformance.tolerances import gamma
from reference.models import datasets, training

MAX_UPDATES = 50
PERCEPTRON_DEFAULTS = {"epochs": 1, "shuffle": False, "init": "zeros"}
INITS = ("zeros", "normal")


def _data(case, dtype: str, rng: np.random.Generator):
    if "data" not in case.setup:
        raise ValueError(f"case {case.id}: setup lacks data: a classic-algorithm case gives data=(name, kwargs)")
    name, kwargs = case.setup["data"]
    return datasets.draw(name, rng, dtype, **kwargs)


def _scaled(name: str, got, want, dtype: str, bound=None) -> Check:
    """A check with atol scaled to the size of ``want`` (a quantity well below 1 held to its own size)."""
    w = np.asarray(want, dtype=np.float64)
    scale = trajectory.atol_scale(float(np.max(np.abs(w))), dtype) if w.size and np.all(np.isfinite(w)) else 1.0
    return Check(name, got, want, atol_scale=scale, bound=bound)


# --- normal equations -----------------------------------------------------------------------------------

def solve_bounds(x: np.ndarray, y: np.ndarray, want: dict, l2: float, fit_intercept: bool,
                 dtype: str) -> dict[str, np.ndarray]:
    """How far two correct float computations of the normal equations may lie apart, per check.

    Each implementation computes, in ``dtype`` (unit round-off u, γₙ = n·u/(1 − n·u)), to first order
    in u, with |·| and ≤ elementwise:
      centring   x̄ (a sum of N terms, then a division) with |Δx̄| ≤ γ_{N+1}·mean|x|, then X = x − x̄ with
                 |ΔX| ≤ E_X = γ_{N+1}·mean|x| + u·|X| (E_Y likewise; 0 without an intercept: the data are
                 used as given)
      products   A = XᵀX + λI and c = XᵀY with |ΔA| ≤ γ_N·|X|ᵀ|X| + 2·E_Xᵀ|X| + u·(|XᵀX| + λI) and
                 |Δc| ≤ γ_N·|X|ᵀ|Y| + E_Xᵀ|Y| + |X|ᵀE_Y
      solve      backward stable: (A + ΔA + δA)·ŵ = c + Δc with |δA| ≤ γ_{3F}·|Rᵀ||R|, R the Cholesky factor
                 of A (Cholesky, and LU of a symmetric positive definite A with growth factor 1; the
                 solvers here, ``np.linalg.solve``, ``torch.linalg.solve`` and ``tf.linalg.solve``, are LU
                 with partial pivoting, whose growth on these small, definite systems stays ~1:
                 ``tests/test_classic.py`` measures the bound on data with κ(A) up to ~1e5)
    These bounds are componentwise, so they carry over exactly to the symmetrically scaled system
    Ã·w̃ = c̃ with Ã = D⁻¹AD⁻¹, w̃ = D·w, c̃ = D⁻¹c, D = diag(√A_ii): a column of x in other units changes
    nothing (the normwise bound on A itself would charge the badly scaled columns' condition number to
    every weight). Ã has a unit diagonal, so ‖|R̃ᵀ||R̃|‖_F ≤ F (|r̃_i|·|r̃_j| ≤ 1). The perturbation theorem,
    for each output column k, with 2-norms bounded by the Frobenius norms of the elementwise bounds:
        ‖Δw̃_k‖₂ ≤ ‖Ã⁻¹‖₂·(‖ΔÃ‖·‖w̃_k‖₂ + ‖Δc̃_k‖₂) / (1 − ‖Ã⁻¹‖₂·‖ΔÃ‖),   ‖Ã⁻¹‖₂ = 1/λ_min(Ã)
        ‖ΔÃ‖ = ‖D⁻¹|ΔA|D⁻¹‖_F + γ_{3F}·F,   ‖Δc̃_k‖ = ‖D⁻¹|Δc_k|‖₂,   |Δw_ik| ≤ ‖Δw̃_k‖₂ / D_i
    (κ(Ã) is at most F times the smallest condition number of any diagonal scaling of A, van der Sluis).
    Then, elementwise:
      b = ȳ − x̄·w:      |Δb| ≤ γ_{N+1}·mean|y| + |x̄|·|Δw| + γ_{N+1}·mean|x|·|w| + γ_{F+1}·(|ȳ| + |x̄|·|w|)
      ŷ = x·w + b:      |Δŷ| ≤ |x|·|Δw| + |Δb| + γ_{F+1}·(|x|·|w| + |b|)
      r = ŷ − y:        |Δr| ≤ |Δŷ| + u·|r|;   Δ(r²) ≤ 2|r|·|Δr| + |Δr|²
      loss = mean r²:   mean Δ(r²) + γ_{NK}·mean r²
      objective:        Σ Δ(r²) + λ·Σ (2|w|·|Δw| + |Δw|²) + γ_{NK+FK+2}·(Σ r² + λ·Σ w²)
    The reference and the framework each sit within these of the exact solution on the same data, so
    the allowance is twice each. Computed in float64 from the dtype's data; u from ``dtype``."""
    u = float(np.finfo(dtype).eps) / 2
    x, y = x.astype(np.float64), y.astype(np.float64)
    n, features = x.shape
    outputs = y.shape[1]
    g_n, g_mean, g_f = gamma(n, dtype), gamma(n + 1, dtype), gamma(features + 1, dtype)
    if fit_intercept:
        x_mean, y_mean = x.mean(axis=0), y.mean(axis=0)
        xc, yc = x - x_mean, y - y_mean
        e_x = g_mean * np.abs(x).mean(axis=0) + u * np.abs(xc)               # (N, F)
        e_y = g_mean * np.abs(y).mean(axis=0) + u * np.abs(yc)               # (N, K)
    else:
        x_mean, y_mean = np.zeros(features), np.zeros(outputs)
        xc, yc, e_x, e_y = x, y, np.zeros_like(x), np.zeros_like(y)
    ax, ay = np.abs(xc), np.abs(yc)
    gram = xc.T @ xc
    a = gram + l2 * np.eye(features)                                         # (F, F), positive definite
    d_a = g_n * ax.T @ ax + 2 * e_x.T @ ax + u * (np.abs(gram) + l2 * np.eye(features))
    d_c = g_n * ax.T @ ay + e_x.T @ ay + ax.T @ e_y                          # (F, K)
    d = np.sqrt(np.diag(a))                                                  # (F,) the scaling D
    delta_a = np.linalg.norm(d_a / np.outer(d, d)) + gamma(3 * features, dtype) * features
    inv_norm = 1 / np.linalg.eigvalsh(a / np.outer(d, d))[0]                 # ‖Ã⁻¹‖₂
    if inv_norm * delta_a >= 1:
        raise ValueError(f"the normal equations are too ill-conditioned for a {dtype} bound "
                         f"(‖Ã⁻¹‖·‖ΔÃ‖ = {inv_norm * delta_a:.2g} ≥ 1): keep the case's data well-conditioned")
    w = want["w"].astype(np.float64)                                         # (F, K)
    dw_scaled = inv_norm * (delta_a * np.linalg.norm(d[:, None] * w, axis=0)
                            + np.linalg.norm(d_c / d[:, None], axis=0)) / (1 - inv_norm * delta_a)   # (K,)
    dw = dw_scaled / d[:, None]                                              # (F, K)
    b = want["b"].astype(np.float64)
    if fit_intercept:
        db = (g_mean * np.abs(y).mean(axis=0) + np.abs(x_mean) @ dw
              + g_mean * np.abs(x).mean(axis=0) @ np.abs(w) + g_f * (np.abs(y_mean) + np.abs(x_mean) @ np.abs(w)))
    else:
        db = np.zeros(outputs)                                               # b = 0 exactly
    d_pred = np.abs(x) @ dw + db + g_f * (np.abs(x) @ np.abs(w) + np.abs(b))  # (N, K)
    r = x @ w + b - y
    d_r = d_pred + u * np.abs(r)
    d_sq = 2 * np.abs(r) * d_r + d_r ** 2
    size = n * outputs
    d_penalty = l2 * np.sum(2 * np.abs(w) * dw + dw ** 2)
    return {
        "param:w": 2 * dw,
        "param:b": 2 * db,
        "predictions": 2 * d_pred,
        "loss": np.asarray(2 * (d_sq.mean() + gamma(size, dtype) * np.mean(r ** 2))),
        "objective": np.asarray(2 * (d_sq.sum() + d_penalty
                                     + gamma(size + w.size + 2, dtype) * (np.sum(r ** 2) + l2 * np.sum(w ** 2)))),
    }


def check_normal_equations(case, fw, ctx, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    case = spec_catalog.example_case(case, fw.name, ctx.dtype)          # an example spec's case: its spec, read now
    if isinstance(case, Check):
        yield case
        return
    dtype = ctx.dtype
    x, y = _data(case, dtype, np.random.default_rng(case.seed))
    ref = reference.get("model", "normal_equations")(**ref_kwargs)
    want = ref.fit(x, y)
    got = fw.adapter.run_classic(ctx, "normal_equations", {"kwargs": dict(fw_kwargs), "x": x, "y": y})
    bound = solve_bounds(x, y, want, ref.l2, ref.fit_intercept, dtype)
    for name, key in (("param:w", "w"), ("param:b", "b"), ("predictions", "predictions"), ("loss", "loss"),
                      ("objective", "objective")):
        chk = _scaled(name, got.get(key), want[key], dtype, bound=bound[name])
        if name == "loss" and got.get("loss") is not None:          # the values themselves, for rosetta run
            chk.detail = {"value": float(np.asarray(got["loss"])), "reference_value": float(want["loss"])}
        yield chk


# --- perceptron ---------------------------------------------------------------------------------------

def perceptron_inputs(case, dtype: str) -> dict:
    """The data (labels as (N,)), the start and the epoch orders of ``case``, from its one generator."""
    setup = {**PERCEPTRON_DEFAULTS, **case.setup}
    if setup["init"] not in INITS:
        raise ValueError(f"case {case.id}: setup init={setup['init']!r} is not allowed: expected one of "
                         f"{', '.join(map(repr, INITS))}")
    rng = np.random.default_rng(case.seed)
    x, y = _data(case, dtype, rng)
    if y.ndim != 2 or y.shape[1] != 1:
        raise ValueError(f"case {case.id}: the data's labels have shape {y.shape}: the perceptron takes one "
                         "label ±1 per sample, (N, 1)")
    features = x.shape[1]
    if setup["init"] == "normal":
        w0 = (rng.standard_normal(features) / np.sqrt(features)).astype(dtype)
        b0 = np.asarray(rng.standard_normal(), dtype=dtype)
    else:
        w0, b0 = np.zeros(features, dtype), np.zeros((), dtype)
    orders = training.epoch_orders(rng, len(x), int(setup["epochs"]), bool(setup["shuffle"]))
    steps = len(orders) * len(x)
    if steps > MAX_UPDATES:
        raise ValueError(f"case {case.id}: {steps} updates is not allowed: at most {MAX_UPDATES} (epochs × samples)")
    return {"x": x, "t": y[:, 0], "orders": orders, "w0": w0, "b0": b0}


def check_perceptron(case, fw, ctx, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    case = spec_catalog.example_case(case, fw.name, ctx.dtype)
    if isinstance(case, Check):
        yield case
        return
    dtype = ctx.dtype
    data = perceptron_inputs(case, dtype)
    ref = reference.get("model", "perceptron")(**ref_kwargs)
    want = ref.fit(data["x"], data["t"], data["orders"], data["w0"], data["b0"])
    got = fw.adapter.run_classic(ctx, "perceptron", {"kwargs": dict(fw_kwargs), **data})

    x = data["x"]
    visited = x[np.concatenate(data["orders"])]                                        # (T, F)
    w_before = np.concatenate([data["w0"][None], want["w"][:-1]]).astype(np.float64)   # (T, F)
    b_before = np.concatenate([data["b0"][None], want["b"][:-1]]).astype(np.float64)   # (T,)
    score_bound = 2 * gamma(x.shape[1] + 1, dtype) * (np.sum(np.abs(visited) * np.abs(w_before), axis=1)
                                                       + np.abs(b_before))
    close = (np.abs(want["score"]) <= score_bound) & (want["score"] != 0)
    detail = {"steps": len(want["score"]), "epochs": len(data["orders"]), "shuffle": bool(case.setup.get("shuffle")),
              "data": case.setup["data"][0]}
    score = trajectory.step_check("score", got.get("score"), want["score"], dtype, detail, scale_by=want["score"])
    score.bound = score_bound
    if close.any():
        score.note = (f"{int(close.sum())} step(s) score within rounding of 0 "
                      f"(first: step {int(np.argmax(close)) + 1}): "
                      "the sign there may differ between correct implementations")
    yield score
    for name in ("w", "b"):
        yield trajectory.step_check(f"param:{name}", got.get(name), want[name], dtype, detail, scale_by=want[name])
    yield Check("mistakes", got.get("mistakes"), want["mistakes"],
                note=f"samples with sign(score) ≠ t in each epoch (reference: {want['mistakes'].tolist()})",
                detail=None if got.get("mistakes") is None or not np.size(got["mistakes"]) else
                {"value": int(np.asarray(got["mistakes"])[-1]), "reference_value": int(want["mistakes"][-1]),
                 "per_epoch": np.asarray(got["mistakes"]).tolist(), "reference_per_epoch": want["mistakes"].tolist()})
    trained_w, trained_b = want["w"][-1], want["b"][-1]
    if np.shape(got.get("w")) == np.shape(want["w"]) and np.shape(got.get("b")) == np.shape(want["b"]):
        trained_w, trained_b = np.asarray(got["w"][-1], dtype=dtype), np.asarray(got["b"][-1], dtype=dtype)
    yield Check("predictions", got.get("predictions"), ref.predict(x, trained_w, trained_b),
                note="sign(x·w + b) on all of x at the framework's trained weights")


CHECKERS = {("model", "normal_equations"): check_normal_equations, ("model", "perceptron"): check_perceptron}
