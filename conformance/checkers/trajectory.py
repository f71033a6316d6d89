"""Trajectory checker for optimizers, schedules and clipping: whole training runs, update by update.

A trajectory has three components: an optimizer, an optional schedule, an optional clipping.
The case's family says which one is under test (its kwargs come from the harness, mapped by its
divergence records); the others come from ``case.setup`` and are mapped by *their* divergence
records for this framework (``reference_map``), so a schedule case runs the framework's own
momentum formulation against the matching reference one.

Formulations a framework cannot change are written once, in its builder's ``fixed``. A
``formulation`` divergence record marks the option ``FIXED`` in the reference kwargs; the framework
runs first and the checker replaces each mark with the built object's ``fixed`` value (the native run
of that record has no mark, so the reference keeps its default). ``formulation`` then verifies that
every fixed setting, marked or not, is the reference's.

``case.setup`` (defaults in ``DEFAULTS``):
  steps       updates (100)
  mode        "open": one fixed gradient sequence fed to all three (g ~ grad_scale·N(0, 1));
              "closed": each computes its own gradients on ``problem``
  grad_scale  gradient scale (open) or loss scale (closed); 1e-6 makes tiny gradients; 1 only
              for "mlp" (Keras trains it through ``model.fit`` on the compiled loss as is)
  problem     "bowl" | "rosenbrock" | "mlp" (``reference/optimizers/problems.py``)
  optimizer / schedule / clipping   (name, kwargs) for the components not under test
  steps_per_epoch   None: the schedule advances per update; k (a positive integer): its counts are
              epochs of k updates. The reference runs ``PerEpoch(schedule, k)`` (η = schedule(⌊count/k⌋)),
              the torch runner calls ``scheduler.step()`` after every k-th ``optimizer.step()``, the Keras
              builder expresses the schedule in updates (``reference.schedules.base.ADVANCE``)

``RUN_SWITCHES``: native kwargs of divergence records that are runner settings, not builder
arguments; the checker pops them from the framework kwargs. ``step_every_update=True``: the
framework is not told the epoch length (torch steps its scheduler after every update, Keras reads
the epoch counts as update counts) while the reference still counts epochs.

Checks, per update (axis 0):
  params       all parameters, flattened in name order, in the run's dtype. float64: the displacement
               p_t − p_0. Its error is the error of p_t, but the relative term becomes rtol·|p_t − p_0|
               instead of rtol·|p_t|, so a step far below |p| (1e-8 for 1e-6 gradients) is held to
               1e-12 + 1e-10·|p_t − p_0| instead of ~1e-10. float32: p_t. Every update rounds p to float32,
               and when the steps are alike that rounding does not average out: 100 updates of a 1e-5
               decoupled weight decay of p = 1.85 leave the float32 reference itself 4.0e-6 from the
               exact value and torch's p·f32(1 − ηλ) form 5.9e-6 (9.9e-6 apart). Up to T·ulp(p)/2
               (~1e-5 here) is float32 round-off, above the table's atol (1e-6), and only rtol·|p_t|
               covers it; so float32 cannot see a step below ~1e-5 over the run (the tiny cases' notes).
               In float64 the same bound is ~2e-14, below its atol (1e-12).
  state:<slot> one per reference state slot (and ``state:step``), arrays in the run's dtype (a dtype
               mismatch fails); scalar slots are Python floats on both sides (float64).
  lr           when a schedule is in the run.
  formulation  the verdict above.
The absolute tolerance of params and state is scaled (``Check.atol_scale``) by ``atol_scale`` of the
size of the stored quantity (the state; for params p_t, whose round-off the displacement inherits):
the table's atol is meant for quantities of order 1, and a quantity whose whole size is below it
(Adam's v with 1e-6 gradients is ~1e-13) would pass whatever its value.
"""
from __future__ import annotations

from typing import Any, Iterator

import numpy as np

import reference
from conformance import divergences as divs
from conformance.check import Check
from conformance.divergences.optimizers import FIXED
from conformance.inputs import draw
from conformance.tolerances import TOLERANCES
from reference.optimizers import problems, trajectory
from reference.schedules.base import PerEpoch, steps_per_epoch_arg

DEFAULTS = {"steps": 100, "mode": "open", "grad_scale": 1.0, "problem": "bowl", "steps_per_epoch": None}
MODES = ("open", "closed")
SLOTS = ("optimizer", "schedule", "clipping")
RUN_SWITCHES = ("step_every_update",)
# Where params compares the displacement p_t − p_0 (elsewhere p_t itself); see the module docstring.
DISPLACEMENT_DTYPES = ("float64",)


def components(case, framework: str, fw_kwargs: dict, ref_kwargs: dict) -> dict[str, tuple[str, dict, dict] | None]:
    """slot -> (name, framework kwargs, reference kwargs) for optimizer, schedule and clipping.
    Reference kwargs may hold ``FIXED`` marks until ``resolve_fixed``."""
    out: dict[str, Any] = {}
    for slot in SLOTS:
        if slot == case.family:
            out[slot] = (case.component, dict(fw_kwargs), dict(ref_kwargs))
        elif case.setup.get(slot) is not None:
            name, kwargs = case.setup[slot]
            known = divs.for_component(slot, name, framework)
            out[slot] = (name, dict(kwargs), divs.mapped_reference_kwargs(kwargs, known))
        else:
            out[slot] = None
    if out["optimizer"] is None:
        raise ValueError(f"{case.id}: a {case.family} case needs setup['optimizer'] = (name, kwargs)")
    return out


def resolve_fixed(comps: dict, fixed: dict[str, dict]) -> dict:
    """Each ``FIXED`` mark in the reference kwargs -> the framework's fixed value for that slot; a
    mark the build does not fix (e.g. ε placement with ε = 0) is dropped: the reference default."""
    out = dict(comps)
    for slot, c in comps.items():
        if c is None:
            continue
        name, fw_kw, ref_kw = c
        settled = {k: fixed.get(slot, {})[k] if v is FIXED else v for k, v in ref_kw.items()
                   if v is not FIXED or k in fixed.get(slot, {})}
        out[slot] = (name, fw_kw, settled)
    return out


def steps_per_epoch(setup: dict, comps: dict) -> int | None:
    """The validated ``setup["steps_per_epoch"]``: None (per update) or a positive integer k."""
    k = setup.get("steps_per_epoch")
    if k is None:
        return None
    try:
        k = steps_per_epoch_arg(k)
    except ValueError as exc:
        raise ValueError(f"setup {exc} (updates per epoch; None advances the schedule per update)") from None
    if comps["schedule"] is None:
        raise ValueError(f"setup steps_per_epoch={k!r} is not allowed without a schedule: it says when the schedule "
                         "advances (give setup['schedule'] = (name, kwargs))")
    return k


def reference_objects(comps: dict, k: int | None = None) -> dict[str, Any]:
    """Reference objects per slot; with k, the optimizer reads the schedule per epoch (``PerEpoch``),
    while ``objs["schedule"]`` stays the schedule itself (its formulations are checked)."""
    objs: dict[str, Any] = {slot: None for slot in comps}
    if comps["schedule"] is not None:
        objs["schedule"] = reference.get("schedule", comps["schedule"][0])(**comps["schedule"][2])
    opt_kwargs = dict(comps["optimizer"][2])
    if objs["schedule"] is not None:
        opt_kwargs["learning_rate"] = objs["schedule"] if k is None else PerEpoch(objs["schedule"], k)
    objs["optimizer"] = reference.get("optimizer", comps["optimizer"][0])(**opt_kwargs)
    if comps["clipping"] is not None:
        objs["clipping"] = reference.get("clipping", comps["clipping"][0])(**comps["clipping"][2])
    return objs


def _inputs(case, dtype: str, setup: dict):
    rng = np.random.default_rng(case.seed)
    params = {name: draw(gen, rng, dtype) for name, gen in case.inputs.items()}
    scale = float(setup["grad_scale"])
    if setup["mode"] == "open":
        grads = [{k: (scale * rng.standard_normal(p.shape)).astype(dtype) for k, p in params.items()}
                 for _ in range(setup["steps"])]
        return params, grads, None
    problem = problems.get(setup["problem"])
    missing = set(problem.params) - set(params)
    if missing:
        raise ValueError(f"problem {problem.name!r} needs parameters {sorted(problem.params)}; missing {sorted(missing)}")
    if problem.name == "mlp" and scale != 1.0:
        raise ValueError(f"setup grad_scale={setup['grad_scale']!r} is not allowed for the mlp problem: Keras "
                         "trains it through model.fit on the compiled loss as is (1 only)")
    return params, None, {"name": problem.name, "data": problem.data(rng, params, dtype), "scale": scale}


def flat(per_param: dict) -> np.ndarray:
    """{name: (T, *shape)} -> (T, P), names in sorted order."""
    return np.concatenate([per_param[k].reshape(len(per_param[k]), -1) for k in sorted(per_param)], axis=1)


def atol_scale(magnitude: float, dtype: str) -> float:
    """The factor on the table's atol for a quantity whose largest |value| over the run is ``magnitude``.

    min(1, magnitude): atol is an absolute floor meant for quantities of order 1; for a smaller one it
    becomes the same fraction of that quantity's own size (float32 atol ≈ 8 ulps, float64 ≈ 4500 ulps of
    it), still above its round-off, which scales with its size. The maximum is over every update and
    element, so entries near zero keep the floor of the largest values (the round-off they carry).
    Floor: the dtype's smallest normal number as the scaled atol (magnitude 0, an identically zero
    quantity, then asks for zeros, up to subnormals: there is no size to be relative to, and 1 would
    pass any value below atol, the blindness this scale removes)."""
    floor = float(np.finfo(dtype).tiny) / TOLERANCES[dtype].atol
    return float(min(1.0, max(magnitude, floor)))


def step_check(name: str, got, want, dtype: str, detail: dict, scale_by=None) -> Check:
    """A whole-trajectory check; the harness adds the per-update error and tolerance-ratio curves.
    ``scale_by``: the array whose magnitude scales atol (None: the table's atol)."""
    scale = 1.0
    if scale_by is not None and np.size(scale_by) and np.all(np.isfinite(scale_by)):
        scale = atol_scale(float(np.max(np.abs(np.asarray(scale_by, dtype=np.float64)))), dtype)
    return Check(name, got, want, per_step=True, atol_scale=scale, detail=dict(detail))


def state_pair(got, want):
    """(got, want) as (T, n): array slots as recorded (a dtype mismatch fails the check); scalar slots
    are Python floats on both sides (``reference/optimizers/trajectory.py``), compared in float64."""
    if isinstance(want, dict):
        return (flat(got) if isinstance(got, dict) else np.asarray(got)), flat(want)
    as_steps = lambda v: np.asarray(v, dtype=np.float64).reshape(len(v), -1)  # noqa: E731
    return as_steps(got), as_steps(want)


def _displacement(p, p0: np.ndarray) -> np.ndarray:
    """p_t − p_0 in p's own dtype (a float64 record in a float32 run stays float64 and fails)."""
    p = np.asarray(p)
    return p - p0.astype(p.dtype)


def formulation_check(fixed: dict[str, dict], objs: dict[str, Any]) -> Check:
    """The framework's fixed formulations against the reference's settings."""
    said, wrong = [], []
    for slot, settings in fixed.items():
        for key, value in settings.items():
            ref_value = getattr(objs[slot], key)
            said.append(f"{slot} {key}={value!r}")
            if ref_value != value:
                wrong.append(f"{slot} {key}: framework {value!r}, reference {ref_value!r}")
    if wrong:
        return Check("formulation", status="fail", note="reference not configured as the framework: " + "; ".join(wrong))
    return Check("formulation", status="pass",
                 note=("framework fixes " + ", ".join(said) + "; the reference uses the same") if said
                 else "no fixed formulation")


def check(case, fw, ctx, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    dtype = ctx.dtype
    setup = {**DEFAULTS, **case.setup}
    if setup["mode"] not in MODES:
        raise ValueError(f"setup mode={setup['mode']!r} is not allowed: expected one of {', '.join(MODES)}")
    fw_kwargs = dict(fw_kwargs)
    switches = {s: fw_kwargs.pop(s) for s in RUN_SWITCHES if s in fw_kwargs}
    comps = components(case, fw.name, fw_kwargs, ref_kwargs)
    k = steps_per_epoch(setup, comps)
    params, grads, problem = _inputs(case, dtype, setup)

    spec = {slot: None if c is None else (c[0], c[1]) for slot, c in comps.items()}
    got = fw.adapter.run_trajectory(ctx, {**spec, "steps": setup["steps"], "params": params, "grads": grads,
                                          "problem": problem,
                                          "steps_per_epoch": None if switches.get("step_every_update") else k})

    comps = resolve_fixed(comps, got["fixed"])
    objs = reference_objects(comps, k)
    ref = trajectory.run(objs["optimizer"], params, setup["steps"], grads=grads,
                         problem=None if problem is None else problems.get(problem["name"]),
                         data=None if problem is None else problem["data"],
                         scale=float(setup["grad_scale"]), clip=objs["clipping"])
    detail = {"mode": setup["mode"], "steps": setup["steps"], "grad_scale": setup["grad_scale"],
              **({"problem": setup["problem"]} if setup["mode"] == "closed" else {}),
              **({"steps_per_epoch": k} if k is not None else {}),
              **({"framework_steps_per_epoch": None} if switches.get("step_every_update") else {})}
    notes = "; ".join(got.get("notes", ()))

    def with_notes(chk: Check) -> Check:
        chk.note = "; ".join(n for n in (chk.note, notes) if n)
        return chk

    yield formulation_check(got["fixed"], objs)
    got_p, want_p = flat(got["params"]), flat(ref["params"])
    if dtype in DISPLACEMENT_DTYPES:
        p0 = flat({name: p[None] for name, p in params.items()})         # (1, P)
        got_p, want_p, stored = _displacement(got_p, p0), _displacement(want_p, p0), want_p
    else:
        stored = want_p
    yield with_notes(step_check("params", got_p, want_p, dtype, detail, scale_by=stored))
    for slot, want in ref["state"].items():
        if slot not in got["state"]:
            yield Check(f"state:{slot}", status="fail", note=f"{fw.name} exposes no state for the reference's {slot!r}")
            continue
        g, w = state_pair(got["state"][slot], want)
        yield with_notes(step_check(f"state:{slot}", g, w, dtype, detail, scale_by=w))
    if got["step"] is not None:
        yield with_notes(step_check("state:step", np.asarray(got["step"], dtype=np.float64),
                                np.asarray(ref["step"], dtype=np.float64), dtype, detail))
    if comps["schedule"] is not None:
        yield with_notes(step_check("lr", got["lr"], ref["lr"], dtype, detail))


CHECKERS = {"optimizer": check, "schedule": check, "clipping": check}
