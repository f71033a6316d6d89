"""First-divergence localization for whole models: the first update, layer and quantity where a framework's
training departs from the reference's.

When a per-update check of a model case (``loss``, ``param:<i>.<name>``, ``state:<slot>``) is over
tolerance, the first such update k is found (``first_step``). Before update k both sides held the same
parameters (the reference's record of update k − 1, equal to the framework's within tolerance, or the
initial weights), so one forward and backward at those parameters on update k's batch, by the
reference (``reference.models.training.probe``) and by the framework (the adapter's ``probe_model``),
shows where they part. Quantities are compared in the order the computation makes them (``points``):

    forward     output of layer 0, 1, ..., L−1, then the loss
    backward    the loss's gradient w.r.t. the model's output; then for layer L−1 down to 0 its
                parameters' gradients (grad_param:<name>) and the gradient w.r.t. its input, i.e. the
                output of layer i − 1 (grad_input)
    update      update k's parameters (param:<i>.<name>), the layers' state (layer_state:<i>.<name>:
                running statistics), optimizer state (state:<slot>), then the recorded loss: reached only
                when the forward and backward agree

Random layers use the framework's draws on both sides: the framework's probe reads them back and the
reference's probe takes them.

The first quantity over tolerance is the localization; each is attributed to the component that computed
it (a layer's forward or backward, the loss, the optimizer, the runner that recorded the loss), and the
divergence records of that component are named as candidates. Tolerances are the case's, per quantity
(``forward``, ``grad_input``, ``grad_param:<name>``), with atol scaled to the quantity's size as the
per-update checks do, and the rounding bounds of products (``conformance/bounds.py``) for dense layers.
A per-update check that an irreducible divergence record of the case reports (``explained``) is
documented already and starts no localization.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np

from conformance import bounds
from conformance import divergences as divs
from conformance.check import Check
from conformance.checkers.trajectory import atol_scale
from conformance.compare import compare
from conformance.tolerances import Tolerance, for_check
from reference.models.functional import MERGES
from reference.models.sequential import family_of
from reference.models import training
from reference.models.training import batches


def check_tolerance(case, framework: str, dtype: str, name: str, scale: float = 1.0) -> Tolerance:
    """The tolerance the harness applies to check ``name`` (``tolerances.for_check``)."""
    return for_check(dtype, case.tolerance, framework, name, scale)


def first_step(checks: list[Check], case, framework: str, dtype: str) -> int | None:
    """The first update (1-based) at which any per-update check is over its tolerance, or None."""
    firsts = []
    for chk in checks:
        if not chk.per_step or chk.got is None or np.shape(chk.got) != np.shape(chk.want):
            continue
        tol = check_tolerance(case, framework, dtype, chk.name, chk.atol_scale)
        over = [t for t in range(len(chk.want)) if not compare(chk.got[t], chk.want[t], tol).ok]
        if over:
            firsts.append(over[0] + 1)
    return min(firsts, default=None)


def explained(case, framework: str, dtype: str, check: str) -> bool:
    """Whether an irreducible divergence record of the case reports ``check`` (as the harness does:
    ``harness.run_case``): such a departure is documented, not to be localized as a failure."""
    return any(d.irreducible and case.desc in d.cases and dtype in d.dtypes and d.affects(check)
               for d in divs.for_component(case.family, case.component, framework))


def batch_of(data: dict, step: int) -> np.ndarray:
    """The sample indices of update ``step`` (1-based): every epoch's order cut into mini-batches."""
    return [b for order in data["orders"] for b in batches(order, data["batch_size"])][step - 1]


def params_before(data: dict, want_params: dict, step: int, initial: dict | None = None) -> dict:
    """The parameters (or, with ``initial``, the layers' state) before update ``step``: the initial ones, or
    the reference's after update step − 1."""
    first = data["params"] if initial is None else initial
    return dict(first) if step == 1 else {k: v[step - 2] for k, v in want_params.items()}


@dataclasses.dataclass
class Point:
    """One quantity of the probe or of the update, and the component that computed it."""
    phase: str             # forward | backward | update
    quantity: str          # forward | grad_input | grad_param:<name> | param:<i>.<name> | state:<slot> | loss
    what: str              # the tensor, in words
    layer: int | None      # the layer index, None for the loss, optimizer state or record
    component: tuple[str, str]   # (family, name) that computed it
    got: object
    want: object
    bound: object = None


def _component(graph, key) -> tuple[str, str]:
    """(family, name) of the layer (node) ``key``; a merge is the functional model's own."""
    comp = next(c for k, c, *_ in graph if k == key)
    return ("model", "functional") if comp in MERGES else (family_of(comp), comp)


def _what(graph, key) -> str:
    return f"layer {key}" if isinstance(key, int) else f"node {key!r}"


def points(graph, loss_name: str, params: dict, x, ref: dict, got: dict, dtype: str) -> Iterator[Point]:
    """The probe's quantities in the order the computation makes them (module docstring), over the model's
    ``graph()``: each value's forward, the loss, then backward from the output, each value's gradient once its
    consumers are done (a value used twice: the sum, attributed to them) followed by its layer's parameter
    gradients."""
    per: dict = {}
    for k, v in params.items():
        key, name = k.split(".", 1)
        per.setdefault(key, {})[name] = v
    value = lambda key: x if key == "input" else ref["outputs"][key]  # noqa: E731
    bnd = {key: (bounds.for_module(*_component(graph, key), value(ins[0]), per.get(str(key), {}),
                                   ref["grad_outputs"][key], dtype, m) if m is not None else {})
           for key, _, m, ins in graph}
    consumers: dict = {}
    for key, _, _, ins in graph:
        for n in ins:
            consumers.setdefault(n, []).append(key)
    for key, *_ in graph:
        yield Point("forward", "forward", f"output of {_what(graph, key)}", key, _component(graph, key),
                    got["outputs"][key], ref["outputs"][key], bnd[key].get("forward"))
    out = graph[-1][0]                              # every node reaches the output: it comes last
    yield Point("forward", "forward", "the batch's loss", None, ("loss", loss_name), got["loss"], ref["loss"])
    yield Point("backward", "grad_input", f"∂loss/∂(output of {_what(graph, out)})", None, ("loss", loss_name),
                got["grad_outputs"][out], ref["grad_outputs"][out])
    for key, _, m, ins in reversed(graph):
        if key != out:
            users = consumers[key]                      # a single consumer: its backward computed this gradient
            bound = bnd[users[0]].get("grad_input") if len(users) == 1 else None
            yield Point("backward", "grad_input", f"∂loss/∂(output of {_what(graph, key)})", users[0],
                        _component(graph, users[0]), got["grad_outputs"][key], ref["grad_outputs"][key], bound)
        for name in sorted(per.get(str(key), {})):
            yield Point("backward", f"grad_param:{name}", f"∂loss/∂{key}.{name}", key, _component(graph, key),
                        got["grad_params"].get(f"{key}.{name}"), ref["grad_params"][f"{key}.{name}"],
                        bnd[key].get(f"grad_param:{name}"))


def _key(graph, text: str):
    """A layer key as written in a name ("2" or "skip") -> the graph's key (2 or "skip")."""
    return next(k for k, *_ in graph if str(k) == text)


def update_points(checks: list[Check], step: int, optimizer: str, graph) -> Iterator[Point]:
    """Update ``step``'s parameters, optimizer state and recorded loss, from the per-update checks."""
    by_name = {c.name: c for c in checks if c.per_step and c.got is not None and np.shape(c.got) == np.shape(c.want)}
    at = lambda c: (np.asarray(c.got)[step - 1], np.asarray(c.want)[step - 1])  # noqa: E731
    for name, c in by_name.items():
        if name.startswith("param:"):
            yield Point("update", name, f"{name[6:]} after update {step}", _key(graph, name[6:].split(".")[0]),
                        ("optimizer", optimizer), *at(c))
    for name, c in by_name.items():
        if name.startswith("layer_state:"):
            i = _key(graph, name.split(":", 1)[1].split(".")[0])
            yield Point("update", name, f"{_what(graph, i)}'s {name.split('.', 1)[1]} after update {step}", i,
                        _component(graph, i), *at(c))
    for name, c in by_name.items():
        if name.startswith("state:"):
            yield Point("update", name, f"optimizer {name} after update {step}", None, ("optimizer", optimizer), *at(c))
    if "loss" in by_name:
        yield Point("update", "loss", f"the recorded loss of update {step}", None, ("model", "sequential"),
                    *at(by_name["loss"]))


def first_departure(pts, case, framework: str, dtype: str, update_checks: dict[str, Check]):
    """The first point over tolerance, with its comparison and tolerance; or None."""
    for p in pts:
        if p.phase == "update":
            tol = check_tolerance(case, framework, dtype, p.quantity, update_checks[p.quantity].atol_scale)
        else:
            want = np.asarray(p.want, dtype=np.float64)
            scale = atol_scale(float(np.max(np.abs(want))), dtype) if want.size and np.all(np.isfinite(want)) else 1.0
            tol = check_tolerance(case, framework, dtype, p.quantity, scale)
        cmp = compare(p.got, p.want, tol, p.bound)
        if not cmp.ok:
            return p, cmp, tol
    return None


def candidates(point: Point, graph, framework: str) -> list[str]:
    """The divergence records that could explain a departure at ``point``: its component's, and for an
    update quantity also the layer's own."""
    comps = [point.component]
    if point.phase == "update" and point.layer is not None:
        comps.append(_component(graph, point.layer))
    return [f"{fam} {name}: {d.what}" for fam, name in dict.fromkeys(comps)
            for d in divs.for_component(fam, name, framework)]


def localization_check(step: int, batch, point: Point, cmp, tol: Tolerance, graph, framework: str) -> Check:
    """The ``localization`` record of a departure found at ``point`` of update ``step``."""
    fam, comp = point.component
    where = f"{_what(graph, point.layer)} ({next(c for k, c, *_ in graph if k == point.layer)})" \
        if point.layer is not None else f"{fam} {comp}"
    if point.phase == "backward" and point.quantity == "grad_input" and point.layer is not None:
        how = f"the backward of {where}"
    elif point.phase == "update":
        how = (f"the update by {fam} {comp}" if fam == "optimizer" else
               f"the state update of {where}" if point.quantity.startswith("layer_state:") else
               f"what {framework}'s loop records")
    else:
        how = f"the {point.phase} of {where}"
    cands = candidates(point, graph, framework)
    num = lambda v: "-" if v is None else f"{v:.3g}"  # noqa: E731 - None: no value or another shape
    ratio = f", {cmp.max_ratio:.3g}× tolerance" if cmp.max_ratio is not None else ""
    note = (f"first departure: update {step}, {where}, {point.quantity} ({point.what}; computed by {how}): "
            f"max|Δ|={num(cmp.max_abs_err)}, max rel={num(cmp.max_rel_err)}{ratio}"
            + (f"; {cmp.note}" if cmp.note else "")
            + ("; candidate divergence records: " + " | ".join(cands) if cands else
               "; no divergence record of that component could explain it"))
    if point.phase == "update":
        note += ("; the forward and backward at the update's parameters agree, so the departure is in the "
                 "update itself or accumulated below tolerance over the updates before")
    detail = {"step": step, "batch": [int(i) for i in batch], "phase": point.phase, "layer": point.layer,
              "family": fam, "component": comp, "quantity": point.quantity, "what": point.what,
              "max_abs": cmp.max_abs_err, "max_rel": cmp.max_rel_err, "tolerance_ratio": cmp.max_ratio,
              "candidates": cands}
    return Check("localization", status="fail", note=note, max_abs_err=cmp.max_abs_err,
                 max_rel_err=cmp.max_rel_err, atol=tol.atol, rtol=tol.rtol, detail=detail)


def localize(case, fw, ctx, update_checks: list[Check], spec: dict, model, loss_fn, want: dict,
             data: dict) -> Check | None:
    """The localization of a model case's run, or None when no per-update check is over tolerance.

    ``spec``: the framework's model spec (layers, loss, optimizer); ``model``/``loss_fn``: the reference's;
    ``want``: the reference's training record; ``data``: the case's inputs (``checkers.model.inputs``)."""
    step = first_step([c for c in update_checks if not explained(case, fw.name, ctx.dtype, c.name)],
                      case, fw.name, ctx.dtype)
    if step is None:
        return None
    batch = batch_of(data, step)
    params = params_before(data, want["params"], step)
    x, y = data["x"][batch], data["y"][batch]
    got = fw.adapter.probe_model(ctx, {"model": spec["model"], "loss": spec["loss"], "params": params,
                                       "x": x, "y": y})
    state = params_before(data, want["layer_state"], step, initial=model.init_state(x.shape[-1], x.dtype))
    ref = training.probe(model, loss_fn, params, x, y, state=state, noise=got["noise"])   # the framework's draws
    graph = model.graph()
    pts = [*points(graph, spec["loss"][0], params, x, ref, got, ctx.dtype),
           *update_points(update_checks, step, spec["optimizer"][0], graph)]
    found = first_departure(pts, case, fw.name, ctx.dtype, {c.name: c for c in update_checks})
    if found is None:     # over tolerance at ``step`` by construction; a shape or NaN issue compare() reports
        return Check("localization", status="fail", note=f"update {step} is over tolerance, but no quantity of "
                     "its forward, backward or update is: see the per-update checks", detail={"step": step})
    return localization_check(step, batch, *found, graph, fw.name)
