"""Trajectory checker for optimizers, schedules and clipping: whole training runs, update by update.

A trajectory has three components: an optimizer, an optional schedule, an optional clipping.
The case's family says which one is under test (its kwargs come from the harness, mapped by its
divergence records); the others come from ``case.setup`` and are mapped by *their* divergence
records for this framework (``reference_map``), so a schedule case runs the framework's own
momentum formulation against the matching reference one.

``case.setup`` (defaults in ``DEFAULTS``):
  steps       updates (100)
  mode        "open": one fixed gradient sequence fed to all three (g ~ grad_scale·N(0, 1));
              "closed": each computes its own gradients on ``problem``
  grad_scale  gradient scale (open) or loss scale (closed); 1e-6 makes tiny gradients
  problem     "bowl" | "rosenbrock" | "mlp" (``reference/optimizers/problems.py``)
  optimizer / schedule / clipping   (name, kwargs) for the components not under test
  steps_per_epoch   None: the schedule advances per update; k (a positive integer): its counts are
              epochs of k updates. The reference runs ``PerEpoch(schedule, k)`` (η = schedule(⌊count/k⌋)),
              the torch runner calls ``scheduler.step()`` after every k-th ``optimizer.step()``, the Keras
              builder expresses the schedule in updates (``reference.schedules.base.ADVANCE``)

Checks, per update (axis 0): ``params`` (all parameters, flattened in name order), one
``state:<slot>`` per reference state slot (and ``state:step``), ``lr`` when a schedule is in the
run; plus ``formulation``, a verdict that the reference is configured with every formulation the
framework cannot change (the builders' ``fixed``).
"""
from __future__ import annotations

import importlib
import zlib
from typing import Any, Iterator

import numpy as np

import reference
from conformance import divergences as divs
from conformance.check import Check
from conformance.inputs import draw
from reference.optimizers import problems, trajectory
from reference.schedules.base import PerEpoch, steps_per_epoch_arg

DEFAULTS = {"steps": 100, "mode": "open", "grad_scale": 1.0, "problem": "bowl", "steps_per_epoch": None}
MODES = ("open", "closed")
SLOTS = ("optimizer", "schedule", "clipping")


def _seed(case) -> int:
    return zlib.crc32(case.id.encode())        # the harness's seed_of, without importing the harness


def components(case, framework: str, fw_kwargs: dict, ref_kwargs: dict) -> dict[str, tuple[str, dict, dict] | None]:
    """slot -> (name, framework kwargs, reference kwargs) for optimizer, schedule and clipping."""
    out: dict[str, Any] = {}
    for slot in SLOTS:
        if slot == case.family:
            out[slot] = (case.component, fw_kwargs, ref_kwargs)
        elif case.setup.get(slot) is not None:
            name, kwargs = case.setup[slot]
            known = divs.for_component(name, framework)
            out[slot] = (name, dict(kwargs), divs.mapped_reference_kwargs(kwargs, known))
        else:
            out[slot] = None
    if out["optimizer"] is None:
        raise ValueError(f"{case.id}: a {case.family} case needs setup['optimizer'] = (name, kwargs)")
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


def _reference(comps: dict, k: int | None = None) -> dict[str, Any]:
    """Reference objects per slot; with k, the optimizer reads the schedule per epoch (``PerEpoch``),
    while ``objs["schedule"]`` stays the schedule itself (its formulations are checked)."""
    objs = {slot: None if c is None else c for slot, c in comps.items()}
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
    rng = np.random.default_rng(_seed(case))
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
    return params, None, {"name": problem.name, "data": problem.data(rng, params, dtype), "scale": scale}


def flat(per_param: dict) -> np.ndarray:
    """{name: (T, *shape)} -> (T, P), names in sorted order."""
    return np.concatenate([per_param[k].reshape(len(per_param[k]), -1) for k in sorted(per_param)], axis=1)


def _as_steps(value) -> np.ndarray:
    return flat(value) if isinstance(value, dict) else np.asarray(value).reshape(len(value), -1)


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


def _check(name: str, got, want, dtype: str, detail: dict, cast=True) -> Check:
    """A whole-trajectory check; the harness adds the per-update error and tolerance-ratio curves."""
    if cast:
        got, want = np.asarray(got).astype(dtype), np.asarray(want).astype(dtype)
    return Check(name, got, want, per_step=True, detail=dict(detail))


def check(case, fw, dtype: str, fw_kwargs: dict, ref_kwargs: dict) -> Iterator[Check]:
    setup = {**DEFAULTS, **case.setup}
    if setup["mode"] not in MODES:
        raise ValueError(f"setup mode={setup['mode']!r} is not allowed: expected one of {', '.join(MODES)}")
    comps = components(case, fw.name, fw_kwargs, ref_kwargs)
    k = steps_per_epoch(setup, comps)
    objs = _reference(comps, k)
    params, grads, problem = _inputs(case, dtype, setup)
    ref = trajectory.run(objs["optimizer"], params, setup["steps"], grads=grads,
                         problem=None if problem is None else problems.get(problem["name"]),
                         data=None if problem is None else problem["data"],
                         scale=float(setup["grad_scale"]), clip=objs["clipping"])
    runner = importlib.import_module(f"{fw.package}.optim_runner")
    spec = {slot: None if c is None else (c[0], c[1]) for slot, c in comps.items()}
    got = runner.run({**spec, "dtype": dtype, "steps": setup["steps"], "params": params, "grads": grads,
                      "problem": problem, "steps_per_epoch": k})
    detail = {"mode": setup["mode"], "steps": setup["steps"], "grad_scale": setup["grad_scale"],
              **({"problem": setup["problem"]} if setup["mode"] == "closed" else {}),
              **({"steps_per_epoch": k} if k is not None else {})}

    yield formulation_check(got["fixed"], objs)
    yield _check("params", flat(got["params"]), flat(ref["params"]), dtype, detail, cast=False)
    for slot, want in ref["state"].items():
        if slot not in got["state"]:
            yield Check(f"state:{slot}", status="fail", note=f"{fw.name} exposes no state for the reference's {slot!r}")
            continue
        yield _check(f"state:{slot}", _as_steps(got["state"][slot]), _as_steps(want), dtype, detail)
    if got["step"] is not None:
        yield _check("state:step", got["step"], ref["step"], "float64", detail)
    if comps["schedule"] is not None:
        yield _check("lr", got["lr"], ref["lr"], "float64", detail)


CHECKERS = {"optimizer": check, "schedule": check, "clipping": check}
