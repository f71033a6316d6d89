"""Checker of the "example" family: every way of an example (``conformance/study.py``) against the
reference model trained on the same data.

For the framework being run (torch or keras) the checker calls that framework's ways and the NumPy way
(so each framework's run judges the NumPy code too) on the same inputs (``study.inputs``: data, initial
weights, each epoch's order, from the case's seed), then trains the reference model of the example
(``study.reference_model``: the Sequential the network is, with the example's loss and optimizer; the
optimizer told the way's own convention where frameworks differ, ``Example.conventions``) with
``reference.models.training.fit``. Checks, per way (named ``<way>:...``):
  <way>:loss            each epoch's mean batch loss (axis 0: the epoch), atol scaled to the loss's size
  <way>:weight:<name>   each trained parameter, in the reference's layout, atol scaled to its size
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
from conformance.checkers import trajectory
from reference.models import training


def reference_run(name: str, data: dict, convention: dict) -> dict:
    """The reference model of example ``name`` trained on ``data`` (``study.inputs``), its optimizer given
    ``convention``: {"losses": each epoch's mean batch loss (float64), "weights": the network's names}."""
    ex = study.get(name)
    x, y, kwargs = data["x"], data["y"], data["kwargs"]
    if ex.setup.get("model") == "perceptron":
        return _perceptron_run(data)
    model = study.reference_model(name, x.shape[-1])
    loss_name, loss_kwargs = ex.setup["loss"]
    opt_name, opt_kwargs = ex.setup["optimizer"]
    loss_fn = reference.get("loss", loss_name)(**loss_kwargs)
    optimizer = reference.get("optimizer", opt_name)(**{**opt_kwargs, **convention})
    params = {ex.names[mine]: value for mine, value in data["params"].items()}
    noises = None
    if "masks" in kwargs:                       # the dropout layers' masks the ways were given, per update
        noises = [dict(zip(study.dropout_layers(name), masks)) for masks in kwargs["masks"]]
    record = training.fit(model, loss_fn, optimizer, params, x, y, kwargs["orders"], kwargs["batch_size"],
                          noises=noises)
    per_update = np.asarray(record["loss"], dtype=np.float64)
    losses, step = [], 0
    for order in kwargs["orders"]:                       # each epoch's batches, weighted by their size
        sizes = [len(b) for b in training.batches(order, kwargs["batch_size"])]
        losses.append(sum(float(per_update[step + i]) * n for i, n in enumerate(sizes)) / len(order))
        step += len(sizes)
    return {"losses": np.array(losses), "weights": {mine: record["final_params"][theirs]
                                                    for mine, theirs in ex.names.items()}}


def _perceptron_run(data: dict) -> dict:
    """The reference's perceptron rule (``reference/models/perceptron.py``) from the same start: the criterion
    max(0, −t·s) of each step's score, averaged per epoch, and the final w, b."""
    x, t, kwargs = data["x"], data["y"][:, 0], data["kwargs"]
    rule = reference.get("model", "perceptron")(learning_rate=kwargs["learning_rate"])
    record = rule.fit(x, t, kwargs["orders"], data["params"]["w"], data["params"]["b"])
    criterion = np.maximum(0.0, -t[np.concatenate(kwargs["orders"])] * record["score"]).astype(np.float64)
    return {"losses": criterion.reshape(len(kwargs["orders"]), -1).mean(axis=1),
            "weights": {"w": record["w"][-1], "b": record["b"][-1]}}


def _scaled(name: str, got, want, dtype: str, note: str) -> Check:
    w = np.asarray(want, dtype=np.float64)
    scale = trajectory.atol_scale(float(np.max(np.abs(w))), dtype) if w.size and np.all(np.isfinite(w)) else 1.0
    return Check(name, got, want, atol_scale=scale, note=note)


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
    wants: dict[tuple, dict] = {}
    detail = {"per": "epoch", "epochs": len(data["kwargs"]["orders"]),
              "batch_size": data["kwargs"].get("batch_size", 1)}
    for key, reason in ex.missing.items():
        if key in {w.key for w in study.WAYS if w.framework in ("reference", fw.name)}:
            yield Check(f"{key}:missing", status="skip", note=reason)
    for way in study.ways(name, frameworks=("reference", fw.name)):
        convention = ex.conventions.get(way.key, {})
        memo = tuple(sorted(convention.items()))
        if memo not in wants:
            wants[memo] = reference_run(name, data, convention)
        want = wants[memo]
        got = study.run(way, data)
        conv = f" (reference optimizer with {convention})" if convention else ""
        loss = trajectory.step_check(f"{way.key}:loss", got["losses"], want["losses"], ctx.dtype,
                                     {**detail, "way": way.label, "loss_curve": got["losses"].tolist(),
                                      "reference_loss_curve": want["losses"].tolist()}, scale_by=want["losses"])
        loss.note = f"{way.label}: each epoch's mean batch loss{conv}"
        yield loss
        for k, w in want["weights"].items():
            yield _scaled(f"{way.key}:weight:{k}", got["weights"].get(k), w, ctx.dtype,
                          f"{way.label}: {k} after training, the reference's layout{conv}")


CHECKERS = {"example": check}
