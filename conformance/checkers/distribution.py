"""Checkers for initializers (by distribution) and for regularizers, constraints and early stopping.

Initializers. torch, Keras and the reference draw from unrelated random streams, so a
framework's own samples are tested against the reference's analytic distribution, each test
at the significance level ``SIGNIFICANCE`` (deterministic: every draw is seeded from the case id):

    dtype        the samples have the requested dtype
    fans         the framework's own fan computation on its own layout == the reference's
    exact        zeros / ones / constant: bitwise equal to the reference
    gram         orthogonal: MᵀM/gain² (or MMᵀ/gain²) = I per draw, at the dtype's tolerance
                 (divided by gain², so the tolerance means the same whatever the gain)
    support      every sample inside [low, high] (up to the dtype's tolerance)
    extent       the extremes reach out as far as the reference's: P(min of n ≥ observed min)
                 = (1 − F(min))ⁿ ≥ α, the same at the max (catches a narrower range/truncation)
    mean, std    z-tests: SE(mean) = σ/√n, SE(s²) = √((m4 − σ⁴)/n)
    ks           one-sample Kolmogorov–Smirnov test of all n samples against the reference CDF
Sample size: ``DEFAULT_SHAPE`` × ``DEFAULT_DRAWS`` = 131072 per run unless a case sets
``setup["shape"]`` / ``setup["draws"]``; ``setup["via"]`` is one of ``VIAS``. Only ``ks`` sets
``max_abs_err`` (the KS D) and ``atol`` (the critical D), so an initializer's |Δ| in the report is
always a KS distance; ``support``, ``extent``, ``mean`` and ``std`` put their distances and
limits in ``detail`` and the note.

Regularizers. Penalties: value and gradient at the case's kernel, then an SGD trajectory with
the penalty active (per step). Constraints: one application, then a trajectory. Early stopping:
``model.fit`` (Keras) / a composed loop (torch) against the reference's state machine: the
number of epochs run, the validation losses per epoch, the final (restored) weights.
The reference trajectories are the reference ``sgd`` optimizer on the ``dense_mse`` problem
(``reference/optimizers/problems.py``); ``setup["via"]`` is one of ``TRAINING_VIAS``.
A component whose builder fixes a formulation (``fixed``: max_norm's ε and rescale form, early
stopping's float32 decision) resolves the ``FIXED`` marks of its divergence records with it
(``trajectory.resolve_fixed``) and yields ``formulation`` (``trajectory.formulation_check``).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

import reference
from conformance.check import Check
from conformance.checkers.trajectory import formulation_check, resolve_fixed
from conformance.inputs import draw
from conformance.tolerances import tolerance_for
from reference import validate
from reference.optimizers import problems, trajectory

SIGNIFICANCE = 1e-5
DEFAULT_SHAPE = (256, 128)
DEFAULT_DRAWS = 4
# Where an initializer's framework tensor comes from: a bare tensor, or a fresh Dense layer's
# kernel or bias (the runners' branches, one per name).
VIAS = ("tensor", "dense_kernel", "dense_bias")
# How a regularizer acts in a trajectory: in the loss (penalty) or after the step (constraint),
# or, for l2, as the optimizer's weight_decay.
TRAINING_VIAS = ("loss", "weight_decay")


def _verdict(name: str, ok: bool, note: str, **kw) -> Check:
    return Check(name, status="pass" if ok else "fail", note=note, **kw)


# --- initializers -------------------------------------------------------------------------

def initializer_check(case, fw, ctx, fw_kwargs, ref_kwargs) -> Iterator[Check]:
    dtype = ctx.dtype
    ref = reference.get("initializer", case.component)(**ref_kwargs)
    shape = tuple(case.setup.get("shape", DEFAULT_SHAPE))
    via = validate.choice("setup via", case.setup.get("via", "tensor"), VIAS)
    if via != "tensor" and len(shape) != 2:
        raise ValueError(f"setup shape={shape!r} is not allowed with via={via!r}: a Dense kernel is (in, out)")
    draws = case.setup.get("draws", 1 if ref.deterministic else DEFAULT_DRAWS)
    got = fw.adapter.draw_initializer(ctx, case.component, fw_kwargs, shape, draws, via)
    ref_shape = (shape[-1],) if via == "dense_bias" else shape
    # Every note of a run starts alike: the report groups a divergence's records on it.
    lead = f"n={got.size}" if ref.deterministic else f"n={got.size} α={SIGNIFICANCE:g}"
    yield _verdict("dtype", got.dtype == np.dtype(dtype), f"{lead}; {got.dtype} (requested {dtype})")
    if ref.uses_fans:
        fans, want = tuple(fw.adapter.initializer_fans(shape)), ref.fans(shape)
        yield _verdict("fans", fans == want, f"{lead}; {fw.name} (fan_in, fan_out)={fans}, reference {want}")
    if ref.deterministic:
        want = np.stack([ref.sample(ref_shape, None, dtype)] * draws)
        err = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64))))
        yield _verdict("exact", bool(np.array_equal(got, want)) and got.dtype == want.dtype,
                       f"{lead}; bitwise comparison", max_abs_err=err, atol=0.0, rtol=0.0)
        return
    if hasattr(ref, "gram"):
        grams = np.stack([ref.gram(g.astype(np.float64)) for g in got]) / ref.gain ** 2
        yield Check("gram", grams, np.broadcast_to(np.eye(grams.shape[-1]), grams.shape).copy(),
                    note=f"MᵀM/gain² or MMᵀ/gain² of each draw (gain={ref.gain:g}) against I, computed in "
                         "float64 from the framework's values")
    yield from _distribution_checks(got.astype(np.float64).ravel(), ref.distribution(ref_shape), dtype, lead)


def _distribution_checks(x: np.ndarray, dist, dtype: str, lead: str) -> Iterator[Check]:
    """support, extent, mean, std, ks. Only ks carries max_abs_err/atol (the KS D and its critical
    value): the other distances are in other units, so they stay in ``detail`` and the note."""
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
                       f"[{dist.low:.6g}, {dist.high:.6g}]; outside by {excess:.3g} (allowed {slack:.3g})",
                       detail={"outside_by": excess, "allowed": slack})
    # Every reference distribution is symmetric about its mean, so P(X ≥ hi) = F(2·mean − hi).
    p_lo = float(np.exp(n * np.log1p(-min(float(dist.cdf(lo)), 1.0 - 1e-300))))
    p_hi = float(np.exp(n * np.log1p(-min(float(dist.cdf(2 * dist.mean - hi)), 1.0 - 1e-300))))
    yield _verdict("extent", min(p_lo, p_hi) >= SIGNIFICANCE,
                   f"{lead}; P(extremes no further out than [{lo:.6g}, {hi:.6g}]) = {p_lo:.2g}, {p_hi:.2g}",
                   detail={"p_low": p_lo, "p_high": p_hi, "significance": SIGNIFICANCE})
    z_crit = float(stats.norm.isf(SIGNIFICANCE / 2))
    se_mean = float(np.sqrt(dist.var / n))
    d_mean = float(x.mean() - dist.mean)
    yield _verdict("mean", abs(d_mean) <= z_crit * se_mean,
                   f"{lead}; mean {x.mean():.6g}, reference {dist.mean:.6g}: |Δ| {abs(d_mean):.3g} "
                   f"(allowed {z_crit * se_mean:.3g})",
                   detail={"abs_delta_mean": abs(d_mean), "allowed": z_crit * se_mean, "z": d_mean / se_mean})
    se_var = float(np.sqrt(max(dist.m4 - dist.var ** 2, 0.0) / n))
    d_var = float(x.var() - dist.var)
    sd = float(np.sqrt(dist.var))
    # The test is on the variance; |Δstd| and its limit are the same test in the std's units (δσ ≈ δσ²/2σ).
    d_sd, allowed_sd = abs(float(x.std()) - sd), z_crit * se_var / (2 * sd)
    yield _verdict("std", abs(d_var) <= z_crit * se_var,
                   f"{lead}; std {x.std():.6g}, reference {sd:.6g}: |Δ| {d_sd:.3g} (allowed {allowed_sd:.3g})",
                   detail={"abs_delta_std": d_sd, "allowed": allowed_sd, "z": d_var / se_var if se_var else None})
    ks = stats.kstest(x, dist.cdf)
    d_crit = float(stats.kstwo.isf(SIGNIFICANCE, n))
    yield _verdict("ks", ks.pvalue >= SIGNIFICANCE, f"{lead}; KS D={ks.statistic:.4g} (p={ks.pvalue:.2g}), "
                   f"critical {d_crit:.4g}", max_abs_err=float(ks.statistic), atol=d_crit,
                   detail={"ks_statistic": float(ks.statistic), "ks_pvalue": float(ks.pvalue), "n": n,
                           "significance": SIGNIFICANCE})


# --- regularizers, constraints, early stopping --------------------------------------------

def regularizer_check(case, fw, ctx, fw_kwargs, ref_kwargs) -> Iterator[Check]:
    dtype = ctx.dtype
    via = validate.choice("setup via", case.setup.get("via", "loss"), TRAINING_VIAS)
    if via == "weight_decay" and case.component != "l2":
        raise ValueError(f"setup via='weight_decay' is not allowed for {case.component!r}: only the l2 penalty "
                         "is an optimizer's weight decay")
    rng = np.random.default_rng(case.seed)
    data = {k: draw(g, rng, dtype) for k, g in case.inputs.items()}
    # A formulation the framework fixes is marked FIXED by its divergence record: the builder's
    # ``fixed`` value replaces the mark before the reference is built.
    role = reference.get("regularizer", case.component).role
    fixed = fw.adapter.regularizer_fixed(ctx, case.component, fw_kwargs)
    ref_kwargs = resolve_fixed({role: (case.component, fw_kwargs, ref_kwargs)}, {role: fixed})[role][2]
    ref = reference.get("regularizer", case.component)(**ref_kwargs)
    if fixed:
        yield formulation_check({role: fixed}, {role: ref})
    if ref.role == "early_stopping":
        yield from _early_stopping_checks(case, fw.adapter, ctx, ref, fw_kwargs, data)
        return
    if ref.role == "penalty":
        got = fw.adapter.penalty(ctx, case.component, fw_kwargs, data["W"])
        value, cache = ref.forward(data["W"])
        yield Check("penalty", got["value"], value)
        yield Check("grad:W", got["grad"], ref.backward(np.ones((), dtype), cache))
    else:
        yield Check("constraint", fw.adapter.constrain(ctx, case.component, fw_kwargs, data["W"]), ref.apply(data["W"]))
    steps, lr = case.setup.get("steps", 0), case.setup.get("lr", 0.1)
    if steps:
        got = fw.adapter.train_regularized(ctx, case.component, fw_kwargs, data, steps, lr, via)
        # The framework's penalty object takes no part in a weight-decay run, so the mappings of
        # its divergence records (Keras rounding L2's factor) do not apply to the reference either.
        traj_ref = ref if via == "loss" else reference.get("regularizer", case.component)(**case.kwargs)
        want = _reference_trajectory(traj_ref, data, steps, lr)
        for name in ("W", "b"):
            yield Check(f"trajectory:{name}", got[name], want[name], per_step=True,
                        note=f"{steps} SGD steps, lr={lr}, {ref.role} active" +
                             (" (framework: SGD weight_decay)" if via == "weight_decay" else ""))


def _sgd(lr: float):
    return reference.get("optimizer", "sgd")(learning_rate=lr)


def _reference_trajectory(ref, data, steps: int, lr: float) -> dict:
    """Reference SGD on the dense_mse problem (``trajectory.run``): a penalty in its loss, a
    constraint projecting W after each update. (W, b) after every update, stacked."""
    params, xy = {"W": data["W"], "b": data["b"]}, {"x": data["x"], "y": data["y"]}
    if ref.role == "penalty":
        return trajectory.run(_sgd(lr), params, steps, problem=problems.DenseMSE(ref), data=xy)["params"]
    return trajectory.run(_sgd(lr), params, steps, problem=problems.DenseMSE(), data=xy,
                          after_update=lambda t, p: {**p, "W": ref.apply(p["W"])})["params"]


def _reference_early_stopping(ref, data, epochs: int, lr: float) -> dict:
    """One full-batch SGD update per epoch (dense_mse, ``trajectory.run``); after each, the validation
    loss and the early-stopping state machine, which may stop the run."""
    problem = problems.DenseMSE()
    train, val_data = {"x": data["x"], "y": data["y"]}, {"x": data["x_val"], "y": data["y_val"]}
    seen = {"state": ref.init(), "history": [], "best": None, "margin": np.inf}

    def after_epoch(epoch: int, params: dict):
        val = problem.loss_and_grad(params, val_data, 1.0)[0]
        seen["history"].append(val)
        seen["margin"] = min(seen["margin"], ref.margin(seen["state"], val))
        seen["state"], improved = ref.update(seen["state"], epoch - 1, val)
        if improved:
            seen["best"] = params
        return trajectory.STOP if seen["state"].stopped_epoch is not None else None

    run = trajectory.run(_sgd(lr), {"W": data["W"], "b": data["b"]}, epochs, problem=problem, data=train,
                         after_update=after_epoch)
    params = seen["best"] if ref.restore_best_weights else {k: v[-1] for k, v in run["params"].items()}
    return {"val_loss": np.array(seen["history"], dtype=data["x"].dtype), "W": params["W"], "b": params["b"],
            "margin": seen["margin"], "best_epoch": seen["state"].best_epoch}


def _early_stopping_checks(case, adapter, ctx, ref, fw_kwargs, data) -> Iterator[Check]:
    epochs, lr = case.setup.get("epochs", 50), case.setup.get("lr", 0.1)
    got = adapter.fit_early_stopping(ctx, fw_kwargs, data, epochs, lr)
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
