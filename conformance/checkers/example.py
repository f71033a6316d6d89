"""Checker of the "example" family: every way of an example (``conformance/study.py``) against the
reference model trained on the same data.

For the framework being run (torch or keras) the checker calls that framework's ways and the NumPy way
(so each framework's run judges the NumPy code too) on the same inputs (``study.inputs``: data, initial
weights, each epoch's order, from the case's seed), then runs the reference as the example's
``setup["run"]`` says (``RUNS``): "fit" trains the reference model of the example (``study.reference_model``:
the Sequential or Functional the network is, with the example's loss, optimizer and, where given, schedule,
kernel penalty, clipping and early stopping; each told the way's framework's form, ``study.convention``:
the framework's divergence records, corrected by ``Example.conventions`` where a way departs from them) with
``reference.models.training.fit``; "perceptron" runs the reference's rule; "forward" is the reference model's
forward pass at the given weights; "solve" the closed form of ``reference/models/normal_equations.py``. A way
that drew its own dropout masks (``Way.own_masks``) is checked against the reference trained with the masks it
returns. Checks, per way (named ``<way>:...``), for each thing the reference's run returns:
  <way>:loss            each epoch's mean batch loss (axis 0: the epoch), atol scaled to the loss's size
  <way>:weight:<name>   each trained parameter (or solution), the reference's layout, atol scaled to its size,
                        plus the solve's rounding allowance (``classic.solve_bounds``)
  <way>:epochs_run, <way>:val_loss   with early stopping: the epochs trained, each one's validation loss
  <way>:outputs, <way>:loss          a forward pass's outputs and loss; <way>:exact, its outputs equal to y
  <way>:masks           a failure only: the masks a way returns cannot be its run's (count, shape, dtype)
A way the example states is missing is a ``skip`` record with the reason, and so are a dtype the example
is not judged in (``Example.skip_dtypes``, with the measurement that says why) and an example whose data
set needs a missing extra (digits: scikit-learn). Both dtypes use the table's rows
(``conformance/tolerances.py``); no example carries an override.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

import reference
from conformance import study
from conformance.check import Check
from conformance.checkers import classic, trajectory
from reference.models import training


def reference_run(name: str, data: dict, convention: dict) -> dict:
    """The reference's run of example ``name`` on ``data`` (``study.inputs``) as its ``setup["run"]`` says
    (``RUNS``), an optimizer given ``convention``: what its ways return ("losses" and "weights" for a training
    run) and "bounds", {weight name: rounding allowance}, where the run derives one."""
    ex = study.get(name)
    return RUNS[ex.setup.get("run", "fit")](ex, data, convention)


def _fit_run(ex: study.Example, data: dict, convention: dict) -> dict:
    """The reference Sequential trained by ``training.fit``: {"losses": each epoch's mean batch loss
    (float64), "weights": the network's names}."""
    name = ex.name
    x, y, kwargs = data["x"], data["y"], data["kwargs"]
    model = study.reference_model(name, x.shape[-1])
    loss_name, loss_kwargs = ex.setup["loss"]
    opt_name, opt_kwargs = ex.setup["optimizer"]
    loss_fn = reference.get("loss", loss_name)(**loss_kwargs)
    if "schedule" in ex.setup:                  # the learning rate, a schedule stepped every update
        sched_name, sched_kwargs = ex.setup["schedule"]
        opt_kwargs = {**opt_kwargs, "learning_rate": reference.get("schedule", sched_name)(**sched_kwargs)}
    optimizer = reference.get("optimizer", opt_name)(**{**opt_kwargs, **convention.get("optimizer", {})})
    penalties, clip = None, None
    if "kernel_regularizer" in ex.setup:        # one penalty on every dense layer's kernel
        reg_name, reg_kwargs = ex.setup["kernel_regularizer"]
        penalty = reference.get("regularizer", reg_name)(**{**reg_kwargs, **convention.get("kernel_regularizer", {})})
        penalties = {f"{i}.W": penalty for i, (comp, _) in enumerate(ex.setup["layers"]) if comp == "dense"}
    if "clipping" in ex.setup:
        clip_name, clip_kwargs = ex.setup["clipping"]
        clip = reference.get("clipping", clip_name)(**{**clip_kwargs, **convention.get("clipping", {})})
    params = {ex.names[mine]: value for mine, value in data["params"].items()}
    noises = None
    if "masks" in kwargs:                       # the dropout layers' masks the ways were given, per update
        noises = [dict(zip(study.dropout_layers(name), masks)) for masks in kwargs["masks"]]
    stopper, validation = None, None
    if "early_stopping" in ex.setup:            # on the validation loss after each epoch
        stop_name, stop_kwargs = ex.setup["early_stopping"]
        stopper = reference.get("regularizer", stop_name)(**{**stop_kwargs, **convention.get("early_stopping", {})})
        validation = (kwargs["x_val"], kwargs["y_val"])
    record = training.fit(model, loss_fn, optimizer, params, x, y, kwargs["orders"], kwargs["batch_size"],
                          noises=noises, penalties=penalties, clip=clip, validation=validation,
                          early_stopping=stopper)
    per_update = np.asarray(record["loss"], dtype=np.float64)
    losses, step = [], 0
    for order in kwargs["orders"]:                       # each epoch's batches, weighted by their size
        sizes = [len(b) for b in training.batches(order, kwargs["batch_size"])]
        if step + len(sizes) > len(per_update):          # the epochs early stopping left out
            break
        losses.append(sum(float(per_update[step + i]) * n for i, n in enumerate(sizes)) / len(order))
        step += len(sizes)
    out = {"losses": np.array(losses), "weights": {mine: record["final_params"][theirs]
                                                   for mine, theirs in ex.names.items()}}
    if validation is not None:
        out["val_losses"] = np.asarray(record["val_loss"], dtype=np.float64)
    return out


def _perceptron_run(ex: study.Example, data: dict, convention: dict) -> dict:
    """The reference's perceptron rule (``reference/models/perceptron.py``) from the same start: the criterion
    max(0, −t·s) of each step's score, averaged per epoch, and the final w, b."""
    x, t, kwargs = data["x"], data["y"][:, 0], data["kwargs"]
    rule = reference.get("model", "perceptron")(learning_rate=kwargs["learning_rate"])
    record = rule.fit(x, t, kwargs["orders"], data["params"]["w"], data["params"]["b"])
    criterion = np.maximum(0.0, -t[np.concatenate(kwargs["orders"])] * record["score"]).astype(np.float64)
    return {"losses": criterion.reshape(len(kwargs["orders"]), -1).mean(axis=1),
            "weights": {"w": record["w"][-1], "b": record["b"][-1]}}


def _forward_run(ex: study.Example, data: dict, convention: dict) -> dict:
    """The reference Sequential's forward pass at the given weights, no training: {"outputs" (N, out), "loss"}."""
    model = study.reference_model(ex.name, data["x"].shape[-1])
    params = {ex.names[mine]: value for mine, value in data["params"].items()}
    outputs = model.apply(data["x"], params)[0]
    loss_name, loss_kwargs = ex.setup["loss"]
    return {"outputs": outputs, "loss": reference.get("loss", loss_name)(**loss_kwargs)(outputs, data["y"])}


def _solve_run(ex: study.Example, data: dict, convention: dict) -> dict:
    """The reference's closed form (``reference/models/normal_equations.py``, the intercept fitted and not
    penalized): {"weights": {"w" (F, K), "b" (K,)}} and the float rounding allowance of each
    (``classic.solve_bounds``: derived from the data's conditioning)."""
    x, y, l2 = data["x"], data["y"], data["kwargs"]["l2"]
    solver = reference.get("model", ex.setup["model"])(l2=l2, fit_intercept=True)
    solution = solver.fit(x, y)
    bounds = classic.solve_bounds(x, y, solution, l2, True, str(x.dtype))
    return {"weights": {mine: solution[theirs] for mine, theirs in ex.names.items()},
            "bounds": {mine: bounds[f"param:{theirs}"] for mine, theirs in ex.names.items()}}


RUNS = {"fit": _fit_run, "perceptron": _perceptron_run, "forward": _forward_run, "solve": _solve_run}


def _scaled(name: str, got, want, dtype: str, note: str, bound=None) -> Check:
    w = np.asarray(want, dtype=np.float64)
    scale = trajectory.atol_scale(float(np.max(np.abs(w))), dtype) if w.size and np.all(np.isfinite(w)) else 1.0
    return Check(name, got, want, atol_scale=scale, note=note, bound=bound)


def _invalid_masks(masks, data: dict) -> str | None:
    """Why the masks a way says it drew cannot be the run's (one list per update, of boolean arrays shaped as
    the masks given to the by-hand ways), or None."""
    given = data["kwargs"]["masks"]
    if not isinstance(masks, list) or len(masks) != len(given):
        return f"{len(masks) if isinstance(masks, list) else masks!r} updates' masks read back: expected {len(given)}"
    for step, (got, want) in enumerate(zip(masks, given), 1):
        shapes = [(np.shape(m), np.asarray(m).dtype) for m in got]
        if shapes != [(w.shape, w.dtype) for w in want]:
            return f"update {step}: masks of (shape, dtype) {shapes}: expected {[(w.shape, w.dtype) for w in want]}"
    return None


def _exact(way: study.Way, outputs, y: np.ndarray) -> Check:
    """The way's outputs equal the targets exactly: a verdict of its own, |Δ| = 0."""
    err = float(np.max(np.abs(np.asarray(outputs, dtype=np.float64) - y))) if np.shape(outputs) == y.shape else None
    return Check(f"{way.key}:exact", status="pass" if err == 0 else "fail", atol=0.0, rtol=0.0, max_abs_err=err,
                 note=f"{way.label}: the outputs equal y exactly ({y.ravel().tolist()})")


def compare(way: study.Way, got: dict, want: dict, dtype: str, detail: dict, note: str) -> Iterator[Check]:
    """Checks of one way's result against the reference's, for each thing the reference's run returns."""
    if "losses" in want:
        loss = trajectory.step_check(f"{way.key}:loss", got.get("losses"), want["losses"], dtype,
                                     {**detail, "way": way.label, "loss_curve": np.asarray(got.get("losses")).tolist(),
                                      "reference_loss_curve": want["losses"].tolist()}, scale_by=want["losses"])
        loss.note = f"{way.label}: each epoch's mean batch loss{note}"
        yield loss
    for k, w in want.get("weights", {}).items():
        yield _scaled(f"{way.key}:weight:{k}", got.get("weights", {}).get(k), w, dtype,
                      f"{way.label}: {k} {'after training' if 'losses' in want else 'solved'}, the reference's "
                      f"layout{note}", want.get("bounds", {}).get(k))
    if "val_losses" in want:                    # as long as the epochs run: the stopping epoch shows first
        yield Check(f"{way.key}:epochs_run", len(got.get("val_losses", ())), len(want["val_losses"]),
                    note=f"{way.label}: the epochs trained before early stopping{note}")
        val = trajectory.step_check(f"{way.key}:val_loss", got.get("val_losses"), want["val_losses"], dtype,
                                    {**detail, "way": way.label}, scale_by=want["val_losses"])
        val.note = f"{way.label}: the validation loss after each epoch{note}"
        yield val
    for key, what in (("outputs", "the forward pass's outputs"), ("loss", "the loss of the outputs")):
        if key in want:
            yield _scaled(f"{way.key}:{key}", got.get(key), want[key], dtype, f"{way.label}: {what}")


def check(case, fw, ctx, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    name = case.setup["example"]
    ex = study.get(name)
    if ctx.dtype in ex.skip_dtypes:
        yield Check("dtype", status="skip", note=f"{ctx.dtype} not judged: {ex.skip_dtypes[ctx.dtype]}")
        return
    try:
        data = study.inputs(name, ctx.dtype)
    except ImportError as exc:          # a data set from an optional extra (digits: scikit-learn)
        yield Check("data", status="skip", note=str(exc))
        return
    wants: dict[str, dict] = {}
    kwargs = data["kwargs"]
    detail = {} if "orders" not in kwargs else {"per": "epoch", "epochs": len(kwargs["orders"]),
                                                "batch_size": kwargs.get("batch_size", 1)}
    for key, reason in ex.missing.items():
        if key in {w.key for w in study.WAYS if w.framework in ("reference", fw.name)}:
            yield Check(f"{key}:missing", status="skip", note=reason)
    for way in study.ways(name, frameworks=("reference", fw.name)):
        convention = study.convention(name, way)
        got = study.run(way, data)
        conv = f" (the reference told {study.told_text(convention)})" if convention else ""
        if way.own_masks:                       # the reference trained with the masks this way drew
            invalid = _invalid_masks(got.get("masks"), data)
            if invalid is not None:
                yield Check(f"{way.key}:masks", status="fail", note=f"{way.label}: {invalid}")
                continue
            want = reference_run(name, study.with_masks(data, got["masks"]), convention)
            conv += " (the reference trained with the masks this way drew, read back per update)"
        else:
            memo = repr(convention)
            if memo not in wants:
                wants[memo] = reference_run(name, data, convention)
            want = wants[memo]
        yield from compare(way, got, want, ctx.dtype, detail, conv)
        if ex.setup.get("exact"):               # the outputs are the targets exactly (a hand-set network)
            yield _exact(way, got.get("outputs"), data["y"])


CHECKERS = {"example": check}
