"""Checkers for initializers (by distribution) and for regularizers, constraints and early stopping.

Initializers. torch, Keras and the reference draw from unrelated random streams, so a
framework's own samples are tested against the reference's analytic distribution, each test
at the significance level ``SIGNIFICANCE`` (deterministic: every draw is seeded from the case id):

    dtype        the samples have the requested dtype
    fans         the framework's own fan computation on its own layout == the reference's
    exact        zeros / ones / constant: bitwise equal to the reference
    gram         orthogonal: MᵀM (or MMᵀ) = gain²·I per draw, at the dtype's tolerance
    support      every sample inside [low, high] (up to the dtype's tolerance)
    extent       the extremes reach out as far as the reference's: P(min of n ≥ observed min)
                 = (1 − F(min))ⁿ ≥ α, the same at the max (catches a narrower range/truncation)
    mean, std    z-tests: SE(mean) = σ/√n, SE(s²) = √((m4 − σ⁴)/n)
    ks           one-sample Kolmogorov–Smirnov test of all n samples against the reference CDF
Sample size: ``DEFAULT_SHAPE`` × ``DEFAULT_DRAWS`` = 131072 per run unless a case sets
``setup["shape"]`` / ``setup["draws"]``. A statistical check's ``max_abs_err`` is the observed
distance (KS D, |Δmean|, |Δstd|) and ``atol`` the largest distance the test accepts.

Regularizers. Penalties: value and gradient at the case's kernel, then an SGD trajectory with
the penalty active (per step). Constraints: one application, then a trajectory. Early stopping:
``model.fit`` (Keras) / a composed loop (torch) against the reference's state machine: the
number of epochs run, the validation losses per epoch, the final (restored) weights.
"""
from __future__ import annotations

import importlib
from typing import Iterator

import numpy as np

import reference
from conformance.check import Check
from conformance.inputs import draw
from conformance.tolerances import tolerance_for

SIGNIFICANCE = 1e-5
DEFAULT_SHAPE = (256, 128)
DEFAULT_DRAWS = 4


def _seed(case) -> int:
    from conformance.harness import seed_of      # lazily: the harness imports this module
    return seed_of(case)


def _runner(fw, kind: str):
    return importlib.import_module(f"{fw.package}.{kind}_runner")


def _verdict(name: str, ok: bool, note: str, **kw) -> Check:
    return Check(name, status="pass" if ok else "fail", note=note, **kw)


# --- initializers -------------------------------------------------------------------------

def initializer_check(case, fw, dtype, fw_kwargs, ref_kwargs) -> Iterator[Check]:
    ref = reference.get("initializer", case.component)(**ref_kwargs)
    shape = tuple(case.setup.get("shape", DEFAULT_SHAPE))
    via = case.setup.get("via", "tensor")
    draws = case.setup.get("draws", 1 if ref.deterministic else DEFAULT_DRAWS)
    got = _runner(fw, "init").draw(case.component, fw_kwargs, dtype, shape, draws, _seed(case), via)
    ref_shape = (shape[-1],) if via == "dense_bias" else shape
    # Every note of a run starts alike: the report groups a divergence's records on it.
    lead = f"n={got.size}" if ref.deterministic else f"n={got.size} α={SIGNIFICANCE:g}"
    yield _verdict("dtype", got.dtype == np.dtype(dtype), f"{lead}; {got.dtype} (requested {dtype})")
    if ref.uses_fans:
        fans, want = tuple(_runner(fw, "init").fans(shape)), ref.fans(shape)
        yield _verdict("fans", fans == want, f"{lead}; {fw.name} (fan_in, fan_out)={fans}, reference {want}")
    if ref.deterministic:
        want = np.stack([ref.sample(ref_shape, None, dtype)] * draws)
        err = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64))))
        yield _verdict("exact", bool(np.array_equal(got, want)) and got.dtype == want.dtype,
                       f"{lead}; bitwise comparison", max_abs_err=err, atol=0.0, rtol=0.0)
        return
    if hasattr(ref, "gram"):
        grams = np.stack([ref.gram(g.astype(np.float64)) for g in got])
        yield Check("gram", grams, np.broadcast_to(ref.gain ** 2 * np.eye(grams.shape[-1]), grams.shape).copy(),
                    note="MᵀM or MMᵀ of each draw, computed in float64 from the framework's values")
    yield from _distribution_checks(got.astype(np.float64).ravel(), ref.distribution(ref_shape), dtype, lead)


def _distribution_checks(x: np.ndarray, dist, dtype: str, lead: str) -> Iterator[Check]:
    # scipy is imported here, not at module level: importing scipy.stats probes sys.modules["torch"],
    # which breaks the harness when torch is blocked (tests/test_reference_imports.py).
    from scipy import stats

    n = x.size
    tol = tolerance_for(dtype)
    lo, hi = float(x.min()), float(x.max())
    if np.isfinite(dist.low) or np.isfinite(dist.high):
        excess = max(0.0, dist.low - lo, hi - dist.high)
        slack = tol.atol + tol.rtol * max(abs(dist.low), abs(dist.high))
        yield _verdict("support", excess <= slack, f"{lead}; samples in [{lo:.6g}, {hi:.6g}], reference "
                       f"[{dist.low:.6g}, {dist.high:.6g}]", max_abs_err=excess, atol=slack)
    # Every reference distribution is symmetric about its mean, so P(X ≥ hi) = F(2·mean − hi).
    p_lo = float(np.exp(n * np.log1p(-min(float(dist.cdf(lo)), 1.0 - 1e-300))))
    p_hi = float(np.exp(n * np.log1p(-min(float(dist.cdf(2 * dist.mean - hi)), 1.0 - 1e-300))))
    yield _verdict("extent", min(p_lo, p_hi) >= SIGNIFICANCE,
                   f"{lead}; P(extremes no further out than [{lo:.6g}, {hi:.6g}]) = {p_lo:.2g}, {p_hi:.2g}")
    z_crit = float(stats.norm.isf(SIGNIFICANCE / 2))
    se_mean = np.sqrt(dist.var / n)
    d_mean = float(x.mean() - dist.mean)
    yield _verdict("mean", abs(d_mean) <= z_crit * se_mean, f"{lead}; mean {x.mean():.6g}, reference {dist.mean:.6g}",
                   max_abs_err=abs(d_mean), atol=z_crit * se_mean)
    se_var = np.sqrt(max(dist.m4 - dist.var ** 2, 0.0) / n)
    d_var = float(x.var() - dist.var)
    sd = np.sqrt(dist.var)
    yield _verdict("std", abs(d_var) <= z_crit * se_var, f"{lead}; std {x.std():.6g}, reference {sd:.6g}",
                   max_abs_err=abs(float(x.std()) - sd), atol=z_crit * se_var / (2 * sd))
    ks = stats.kstest(x, dist.cdf)
    d_crit = float(stats.kstwo.isf(SIGNIFICANCE, n))
    yield _verdict("ks", ks.pvalue >= SIGNIFICANCE, f"{lead}; KS D={ks.statistic:.4g} (p={ks.pvalue:.2g}), "
                   f"critical {d_crit:.4g}", max_abs_err=float(ks.statistic), atol=d_crit,
                   detail={"ks_statistic": float(ks.statistic), "ks_pvalue": float(ks.pvalue), "n": n,
                           "significance": SIGNIFICANCE})


# --- regularizers, constraints, early stopping --------------------------------------------

def regularizer_check(case, fw, dtype, fw_kwargs, ref_kwargs) -> Iterator[Check]:
    rng = np.random.default_rng(_seed(case))
    data = {k: draw(g, rng, dtype) for k, g in case.inputs.items()}
    ref = reference.get("regularizer", case.component)(**ref_kwargs)
    run = _runner(fw, "regularizer")
    if ref.role == "early_stopping":
        yield from _early_stopping_checks(case, run, ref, dtype, fw_kwargs, data)
        return
    if ref.role == "penalty":
        got = run.penalty(case.component, fw_kwargs, dtype, data["W"])
        value, cache = ref.forward(data["W"])
        yield Check("penalty", got["value"], value)
        yield Check("grad:W", got["grad"], ref.backward(np.ones((), dtype), cache))
    else:
        yield Check("constraint", run.constrain(case.component, fw_kwargs, dtype, data["W"]), ref.apply(data["W"]))
    steps, lr = case.setup.get("steps", 0), case.setup.get("lr", 0.1)
    if steps:
        got = run.train(case.component, fw_kwargs, dtype, data, steps, lr, case.setup.get("via", "loss"))
        want = _reference_sgd(ref, data, steps, lr)
        for name in ("W", "b"):
            yield Check(f"trajectory:{name}", got[name], want[name], per_step=True,
                        note=f"{steps} SGD steps, lr={lr}, {ref.role} active")


def _dense_mse_grads(W, b, x, y):
    """The data loss's gradients (reference Dense and MSE): (loss, dW, db)."""
    dense = reference.get("layer", "dense")(W.shape[0], W.shape[1])
    mse = reference.get("loss", "mse")()
    out, cache = dense.forward(x, {"W": W, "b": b})
    loss, lcache = mse.forward(out, y)
    _, grads = dense.backward(mse.backward(np.ones((), x.dtype), lcache), cache)
    return loss, grads["W"], grads["b"]


def _reference_sgd(ref, data, steps: int, lr: float) -> dict:
    """p ← p − lr·(∂loss/∂p + ∂penalty/∂p); a constraint projects W after each step."""
    W, b, Ws, bs = data["W"].copy(), data["b"].copy(), [], []
    for _ in range(steps):
        _, gW, gb = _dense_mse_grads(W, b, data["x"], data["y"])
        if ref.role == "penalty":
            gW = gW + ref.backward(np.ones((), W.dtype), ref.forward(W)[1])
        W, b = W - lr * gW, b - lr * gb
        if ref.role == "constraint":
            W = ref.apply(W)
        Ws.append(W)
        bs.append(b)
    return {"W": np.stack(Ws), "b": np.stack(bs)}


def _reference_early_stopping(ref, data, epochs: int, lr: float) -> dict:
    """One full-batch GD step per epoch, then the validation loss and the state machine."""
    W, b, state, history, best, margin = data["W"].copy(), data["b"].copy(), ref.init(), [], None, np.inf
    for epoch in range(epochs):
        _, gW, gb = _dense_mse_grads(W, b, data["x"], data["y"])
        W, b = W - lr * gW, b - lr * gb
        val = float(_dense_mse_grads(W, b, data["x_val"], data["y_val"])[0])
        history.append(val)
        margin = min(margin, ref.margin(state, val))
        state, improved = ref.update(state, epoch, val)
        if improved:
            best = (W, b)
        if state.stopped_epoch is not None:
            break
    if ref.restore_best_weights:
        W, b = best
    return {"val_loss": np.array(history, dtype=data["x"].dtype), "W": W, "b": b, "margin": margin,
            "best_epoch": state.best_epoch}


def _early_stopping_checks(case, run, ref, dtype, fw_kwargs, data) -> Iterator[Check]:
    epochs, lr = case.setup.get("epochs", 50), case.setup.get("lr", 0.1)
    got = run.fit_early_stopping(fw_kwargs, dtype, data, epochs, lr)
    want = _reference_early_stopping(ref, data, epochs, lr)
    n_got, n_want = len(got["val_loss"]), len(want["val_loss"])
    yield _verdict("epochs_run", n_got == n_want,
                   f"epochs={epochs}; ran {n_got} epochs, reference {n_want} (best epoch {want['best_epoch'] + 1}; "
                   f"closest decision: |best − v − min_delta| = {want['margin']:.3g})",
                   max_abs_err=float(abs(n_got - n_want)), atol=0.0,
                   detail={"epochs_run": n_got, "reference_epochs_run": n_want,
                           "decision_margin": want["margin"] if np.isfinite(want["margin"]) else None})
    yield Check("val_loss", got["val_loss"], want["val_loss"], per_step=True, note="validation loss per epoch")
    yield Check("weights:W", got["W"], want["W"], note="final weights (restored when restore_best_weights)")
    yield Check("weights:b", got["b"], want["b"])


CHECKERS = {"initializer": initializer_check, "regularizer": regularizer_check}
