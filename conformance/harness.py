"""Run cases: the same seeded inputs, weights and upstream gradients go to the reference
and to each framework; every output and gradient is compared.

``run_case(case, framework, dtype)`` never raises: an exception inside a case becomes an
``error`` record with its message, and the caller goes on with the next case.
"""
from __future__ import annotations

import traceback
import warnings
from typing import Callable, Iterable, Iterator

import numpy as np

import reference
from conformance import bounds
from conformance.adapter import RunContext
from conformance import divergences as divs
from conformance import frameworks
from conformance.case import Case
from conformance.check import Check
from conformance.checkers import CHECKERS as EXTRA_CHECKERS
from conformance.compare import compare, elementwise
from conformance.inputs import draw
from conformance.record import Record
from conformance.tolerances import for_check


def seed_of(case: Case) -> int:
    return case.seed


# --- one comparison: (framework kwargs, reference kwargs) -> records --------------------

def _module_check(case: Case, fw, ctx: RunContext, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    """Forward, input gradient and parameter gradients of a layer or activation."""
    dtype = ctx.dtype
    ref = reference.get(case.family, case.component)(**ref_kwargs)
    if ref.stateful:
        yield from _stateful_check(case, fw, ctx, fw_kwargs, ref)
        return
    rng = np.random.default_rng(seed_of(case))
    x = draw(case.inputs["x"], rng, dtype)                          # (N, ..., F); input_kind "int": indices
    params = {k: v.astype(dtype) for k, v in ref.init_params(rng, x.shape[-1], np.float64).items()}
    # setup["dy_scale"]: an upstream gradient that large, where a derivative's rounding only shows on it
    dy = (case.setup.get("dy_scale", 1.0) * rng.standard_normal(ref.output_shape(x.shape))).astype(dtype)

    got = fw.adapter.run_module(ctx, case.family, case.component, fw_kwargs, x, params, dy, case.training,
                                grad=case.grad and ref.differentiable)
    noise = None
    if ref.random and case.training:
        noise = got["noise"]
        if noise is None:
            raise RuntimeError("the framework adapter recovered no noise for a random component in training")
        try:
            ref.check_noise(noise)
            yield Check("noise", status="pass", note="the framework's random draw is a valid reference draw")
        except ValueError as exc:
            yield Check("noise", status="fail", note=f"invalid draw: {exc}")
    y, cache = ref.forward(x, params, training=case.training, noise=noise)
    bound = bounds.for_module(case.family, case.component, x, params, dy, dtype, ref=ref)
    yield Check("forward", got["out"], y, bound=bound.get("forward"))
    if case.grad and ref.differentiable:
        dx, dparams = ref.backward(dy, cache)
        if ref.input_kind != "int":                 # integer indices (embedding) have no input gradient
            yield Check("grad_input", got["grad_input"], dx, bound=bound.get("grad_input"))
        for name in params:
            yield Check(f"grad_param:{name}", got["grad_params"].get(name), dparams[name],
                        bound=bound.get(f"grad_param:{name}"))


def _stateful_check(case: Case, fw, ctx: RunContext, fw_kwargs: dict, ref) -> Iterator[Check]:
    """A stateful module (``Module.stateful``) over ``case.setup["steps"]`` training batches (3 by default):
    per step (axis 0) the output, the input and parameter gradients and each state entry (running
    statistics, compared like optimizer state), then ``eval_forward``: evaluation mode on a fresh batch
    with the final state."""
    dtype, steps = ctx.dtype, int(case.setup.get("steps", 3))
    rng = np.random.default_rng(seed_of(case))
    xs = [draw(case.inputs["x"], rng, dtype) for _ in range(steps)]                 # each (N, ..., F)
    x_eval = draw(case.inputs["x"], rng, dtype)
    features = xs[0].shape[-1]
    params = {k: v.astype(dtype) for k, v in ref.init_params(rng, features, np.float64).items()}
    dys = [rng.standard_normal(ref.output_shape(x.shape)).astype(dtype) for x in xs]
    got = fw.adapter.run_module_steps(ctx, case.family, case.component, fw_kwargs, xs, params, dys, x_eval)
    state = ref.init_state(features, dtype)
    want: dict[str, list] = {"out": [], "dx": [], "states": [], "grads": []}
    for x, dy in zip(xs, dys):
        y, state, cache = ref.forward(x, params, state, training=True)
        dx, grads = ref.backward(dy, cache)
        for key, value in (("out", y), ("dx", dx), ("states", state), ("grads", grads)):
            want[key].append(value)
    y_eval, _, _ = ref.forward(x_eval, params, state, training=False)
    bound = bounds.for_module_steps(case.family, case.component, ref, xs, params, dys, x_eval, dtype)
    yield Check("forward", np.stack(got["outs"]), np.stack(want["out"]), per_step=True, bound=bound.get("forward"))
    yield Check("grad_input", np.stack(got["grad_inputs"]), np.stack(want["dx"]), per_step=True,
                bound=bound.get("grad_input"))
    for name in params:
        g = [step.get(name) for step in got["grad_params"]]
        yield Check(f"grad_param:{name}", None if any(v is None for v in g) else np.stack(g),
                    np.stack([step[name] for step in want["grads"]]), per_step=True,
                    bound=bound.get(f"grad_param:{name}"))
    for name in state:
        g = [step.get(name) for step in got["states"]]
        yield Check(f"state:{name}", None if any(v is None for v in g) else np.stack(g),
                    np.stack([step[name] for step in want["states"]]), per_step=True, bound=bound.get(f"state:{name}"),
                    note="" if all(v is not None for v in g) else f"{fw.name} exposes no {name!r}")
    yield Check("eval_forward", got["eval_out"], y_eval, bound=bound.get("eval_forward"),
                note="evaluation mode with the state after the last step")


def _loss_check(case: Case, fw, ctx: RunContext, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    """Loss value and its gradient w.r.t. y_pred."""
    dtype = ctx.dtype
    rng = np.random.default_rng(seed_of(case))
    y_pred = draw(case.inputs["y_pred"], rng, dtype)
    y_true = draw(case.inputs["y_true"], rng, dtype)
    ref = reference.get("loss", case.component)(**ref_kwargs)
    loss, cache = ref.forward(y_pred, y_true)
    dloss = np.asarray(rng.standard_normal(np.shape(loss))).astype(dtype)
    got = fw.adapter.run_loss(ctx, case.component, fw_kwargs, y_pred, y_true, dloss)
    yield Check("forward", got["out"], loss)
    if case.grad:
        yield Check("grad_input", got["grad_input"], ref.backward(dloss, cache))


CHECKERS: dict[str | tuple[str, str], Callable[..., Iterator[Check]]] = {
    "layer": _module_check,
    "activation": _module_check,
    "loss": _loss_check,
    **EXTRA_CHECKERS,
}


# --- records --------------------------------------------------------------------------

def _record(case: Case, framework: str, dtype: str, check: str, status: str, note: str = "", **kw) -> Record:
    return Record(component=case.component, family=case.family, case=case.id, framework=framework,
                  dtype=dtype, check=check, status=status, note=note, **kw)


def _compare_all(case, fw, framework, ctx: RunContext, fw_kwargs, ref_kwargs,
                 irreducible: divs.Divergence | None = None, divergence: divs.Divergence | None = None) -> list[Record]:
    """Records of one run. ``divergence``: the native run of that record (every check reported as
    divergence); ``irreducible``: a record without mapping whose ``checks`` are reported as divergence."""
    out = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checker = CHECKERS.get((case.family, case.component)) or CHECKERS[case.family]
        checks = list(checker(case, fw, ctx, fw_kwargs, ref_kwargs))
    warned = sorted({f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught})
    for chk in checks:
        divergence_ = divergence or (irreducible if irreducible is not None and irreducible.affects(chk.name) else None)
        out.append(_check_record(case, framework, ctx.dtype, chk, divergence_, warned))
    return out


def _check_record(case, framework, dtype, chk: Check, divergence: divs.Divergence | None, warned) -> Record:
    if chk.status is not None:       # the checker reached its own verdict
        status = "divergence" if divergence is not None else chk.status
        note = chk.note if divergence is None else (
            f"{divergence.what}; {chk.note}" + (" (no effect on this case)" if chk.status == "pass" else ""))
        return _record(case, framework, dtype, chk.name, status, note, max_abs_err=chk.max_abs_err,
                       max_rel_err=chk.max_rel_err, atol=chk.atol, rtol=chk.rtol, detail=chk.detail,
                       **_divergence_fields(divergence))
    check = chk.name
    ctol = for_check(dtype, case.tolerance, framework, check, chk.atol_scale)
    cmp = compare(chk.got, chk.want, ctol, chk.bound)
    detail = dict(chk.detail or {})
    if chk.bound is not None:
        detail["rounding_bound_max"] = float(np.max(chk.bound))
    if chk.per_step:
        detail.update(per_step_errors(chk.got, chk.want, ctol, chk.bound))
    notes = [n for n in (chk.note, cmp.note) if n]
    if divergence is not None:
        status = "divergence"
        mapped = "no mapping exists" if divergence.irreducible else f"mapped by: {divergence.mapping}"
        notes.insert(0, f"{divergence.what}; {framework}: {divergence.framework_value}; "
                        f"reference: {divergence.reference_value}; {mapped}"
                        + ("" if not cmp.ok else " (no effect on this case)"))
    else:
        status = "pass" if cmp.ok else "fail"
    if warned and check == "forward":
        notes.append("framework warned: " + " | ".join(warned))
    return _record(case, framework, dtype, check, status, "; ".join(notes),
                   max_abs_err=cmp.max_abs_err, max_rel_err=cmp.max_rel_err, tolerance_ratio=cmp.max_ratio,
                   atol=ctol.atol, rtol=ctol.rtol, detail=detail or None,
                   override=ctol.reason if divergence is None else "", **_divergence_fields(divergence))


def _divergence_fields(d: divs.Divergence | None) -> dict:
    return {} if d is None else {"divergence": d.what, "irreducible": d.irreducible}


def per_step_errors(got, want, tol, bound=None) -> dict:
    """Axis 0 is the step: max |Δ|, max relative error and max |Δ| / (atol + rtol·|reference|)
    per step (over tolerance iff > 1), and the first step (1-based) over tolerance. As in
    ``compare``, equal non-finite values (NaN and NaN, or the same infinity) agree; any other
    non-finite value is infinitely far."""
    if got is None or np.shape(got) != np.shape(want) or np.ndim(want) == 0:
        return {}
    a = np.asarray(got, dtype=np.float64).reshape(len(got), -1)
    e = np.asarray(want, dtype=np.float64).reshape(len(want), -1)
    same = (a == e) | (np.isnan(a) & np.isnan(e))
    a, e = np.where(same, 0.0, a), np.where(same, 0.0, e)
    b = 0.0 if bound is None else np.broadcast_to(np.asarray(bound, dtype=np.float64), np.shape(want)).reshape(len(want), -1)
    diff, rel, ratio = elementwise(a, e, tol, b)
    diff, rel, ratio = (np.nan_to_num(x, nan=np.inf) for x in (diff, rel, ratio))
    over = np.any(ratio > 1, axis=1)
    return {
        "per_step_max_abs": diff.max(axis=1).tolist(),
        "per_step_max_rel": rel.max(axis=1).tolist(),
        "per_step_tolerance_ratio": ratio.max(axis=1).tolist(),
        "first_step_over_tolerance": int(np.argmax(over)) + 1 if over.any() else None,
        "final_max_abs": float(diff[-1].max()),
    }


def _error(case, framework, dtype, exc: BaseException, divergence=None) -> Record:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    loc = f" (at {where.filename.split('site-packages/')[-1]}:{where.lineno})" if where else ""
    prefix = f"divergence run '{divergence.what}': " if divergence else ""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _record(case, framework, dtype, "setup", "error", f"{prefix}{type(exc).__name__}: {msg}{loc}")


def framework_kwargs(case: Case, framework: str) -> dict:
    """The builder kwargs of ``case``'s mapped run in ``framework``: its kwargs, plus the framework's named
    variant when the case asks for one (``setup["variants"] = {"keras": "channels_first"}``: the same
    component as a user of that framework's other layout builds it). A divergence's native run may
    replace the variant with its own."""
    variant = case.setup.get("variants", {}).get(framework)
    return {**case.kwargs, "variant": variant} if variant else dict(case.kwargs)


def run_case(case: Case, framework: str, dtype: str, *, device: str = "cpu",
             with_divergences: bool = True, natives: tuple = ()) -> list[Record]:
    """Every record of ``case`` in ``framework`` and ``dtype`` (torch on ``device``): the mapped run,
    then the native run of each divergence record that names the case, and of each record in ``natives``
    (records of the case's component that apply to it without naming it: a spec's run, conformance/run_spec.py).
    Never raises: an exception is an ``error`` record."""
    ctx = RunContext(dtype=dtype, device=device, seed=case.seed)
    try:
        fw = frameworks.load(framework)
    except frameworks.Unavailable as exc:      # not installed: a skip; installed but broken: an error
        return [_record(case, framework, dtype, "setup", "error" if exc.installed else "skip", str(exc))]
    if not fw.registry.has(case.family, case.component):
        return [_record(case, framework, dtype, "setup", "error",
                        f"no {framework} implementation registered for {case.family} {case.component!r}")]
    known = divs.for_component(case.family, case.component, framework)
    unmappable = next((d for d in known if d.irreducible and case.desc in d.cases and dtype in d.dtypes), None)
    records: list[Record] = []
    try:
        ref_kwargs = divs.mapped_reference_kwargs(case.kwargs, known)
        records += _compare_all(case, fw, framework, ctx, framework_kwargs(case, framework), ref_kwargs,
                                irreducible=unmappable)
    except Exception as exc:  # noqa: BLE001 - one failing case never stops a run
        records.append(_error(case, framework, dtype, exc, unmappable))
    if with_divergences:
        for d in known:
            if d.irreducible or (case.desc not in d.cases and d not in natives) or dtype not in d.dtypes:
                continue
            try:
                ref_kwargs = divs.mapped_reference_kwargs(case.kwargs, known, skip=d)
                records += _compare_all(case, fw, framework, ctx,
                                        divs.native_kwargs(framework_kwargs(case, framework), d), ref_kwargs,
                                        divergence=d)
            except Exception as exc:  # noqa: BLE001
                records.append(_error(case, framework, dtype, exc, d))
    return records


def run(cases: Iterable[Case], frameworks_: Iterable[str], dtypes: Iterable[str], *, device: str = "cpu",
        progress: Callable[[int, int], None] | None = None) -> list[Record]:
    """Every case × framework × dtype in this process, in that order (``conformance.parallel``
    runs the same in worker processes). ``progress(done, total)`` is called after each."""
    todo = [(case, framework, dtype) for case in cases for framework in frameworks_ for dtype in dtypes]
    records: list[Record] = []
    for done, (case, framework, dtype) in enumerate(todo, 1):
        records += run_case(case, framework, dtype, device=device)
        if progress is not None:
            progress(done, len(todo))
    return records
