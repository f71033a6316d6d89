"""Run an optimizer trajectory in torch and record it as the reference does
(``reference/optimizers/trajectory.py``: params, state, step and lr per update).

spec = {"optimizer": (name, kwargs), "schedule": (name, kwargs) | None, "clipping": (name, kwargs) | None,
        "dtype": "float32" | "float64", "steps": T, "params": {name: array},
        "grads": [{name: array}] * T (open loop) | None,
        "problem": {"name": "bowl" | "rosenbrock" | "mlp", "data": {...}, "scale": s} (closed loop) | None,
        "steps_per_epoch": k | None}     (optional: the schedule counts epochs of k updates)

One update: gradients (set from the sequence, or ``loss.backward()``), clipping on ``.grad``,
``optimizer.step()``, then ``scheduler.step()``: after every update, or after every k-th one when
``steps_per_epoch`` is k (PyTorch's once-per-epoch idiom; ``reference.schedules.base.ADVANCE``).
"""
from __future__ import annotations

import numpy as np
import torch

from torch_impl.device import DEVICE, set_dtype, to_device, to_numpy
from torch_impl.layout import from_torch, to_torch
from torch_impl.registry import REGISTRY



def _built(kind: str, entry):
    return None if entry is None else REGISTRY.get(kind, entry[0]).build(**entry[1]).module


def _mlp(params: dict, data: dict):
    """nn.Sequential(Linear, ReLU, Linear) from the registry's builders, and its MSE loss."""
    (n_in, n_hidden), n_out = params["W1"].shape, params["W2"].shape[1]
    d1 = REGISTRY.get("layer", "dense").build(in_features=n_in, units=n_hidden)
    d2 = REGISTRY.get("layer", "dense").build(in_features=n_hidden, units=n_out)
    model = torch.nn.Sequential(d1.module, REGISTRY.get("activation", "relu").build().module, d2.module).to(DEVICE)
    slots = {"W1": (d1.module, d1.params["W"]), "b1": (d1.module, d1.params["b"]),
             "W2": (d2.module, d2.params["W"]), "b2": (d2.module, d2.params["b"])}
    tensors = {}
    with torch.no_grad():
        for name, (module, slot) in slots.items():
            p = getattr(module, slot.attr)
            p.copy_(to_device(to_torch(slot.layout, params[name])))
            tensors[name] = (p, slot.layout)
    mse = REGISTRY.get("loss", "mse").build(reduction="mean").module
    x, y = to_device(data["x"]), to_device(data["y"])
    return tensors, lambda: mse(model(x), y)


def _problem(problem: dict | None, params: dict):
    """Parameters as leaf tensors (name -> (tensor, layout)), and the closed-loop loss (None: open loop)."""
    if problem is not None and problem["name"] == "mlp":
        tensors, loss = _mlp(params, problem["data"])
    else:
        tensors = {k: (torch.nn.Parameter(to_device(v)), "same") for k, v in params.items()}
        loss = None if problem is None else _loss(problem, {k: p for k, (p, _) in tensors.items()})
    if loss is None or problem.get("scale", 1.0) == 1.0:
        return tensors, loss
    return tensors, lambda: problem["scale"] * loss()


def _loss(problem: dict, t: dict):
    d = {k: to_device(v) for k, v in problem["data"].items()}
    if problem["name"] == "bowl":
        return lambda: sum(0.5 * torch.sum(d[f"a:{k}"] * (t[k] - d[f"c:{k}"]) ** 2) for k in sorted(t))
    if problem["name"] == "rosenbrock":
        return lambda: torch.sum((1 - t["x"]) ** 2 + 100 * (t["y"] - t["x"] ** 2) ** 2)
    raise KeyError(f"unknown problem {problem['name']!r}; valid names: bowl, mlp, rosenbrock")


def run(spec: dict) -> dict:
    set_dtype(spec["dtype"])
    schedule = _built("schedule", spec.get("schedule"))
    opt_name, opt_kwargs = spec["optimizer"]
    if schedule is not None:
        opt_kwargs = {**opt_kwargs, "learning_rate": schedule.base_lr}
    opt_spec = _built("optimizer", (opt_name, opt_kwargs))
    clipping = _built("clipping", spec.get("clipping"))
    tensors, loss = _problem(spec.get("problem"), spec["params"])
    names = sorted(tensors)
    plist = [tensors[k][0] for k in names]
    opt = opt_spec.make(plist)
    scheduler = schedule.make(opt) if schedule is not None and schedule.make is not None else None
    every = schedule.updates_per_step(spec.get("steps_per_epoch")) if schedule is not None else 1

    rec = {"params": {k: [] for k in names}, "state": {}, "step": [], "lr": []}
    for t in range(spec["steps"]):
        rec["lr"].append(float(opt.param_groups[0]["lr"]))
        opt.zero_grad()
        if loss is None:
            for k in names:
                p, layout = tensors[k]
                p.grad = to_device(to_torch(layout, spec["grads"][t][k]))
        else:
            loss().backward()
        if clipping is not None:
            clipping.apply(plist)
        opt.step()
        if scheduler is not None and (t + 1) % every == 0:      # the end of an epoch of `every` updates
            scheduler.step()
        _record(rec, opt, opt_spec, tensors, names)
    fixed = {kind: getattr(b, "fixed", {}) for kind, b in
             (("optimizer", opt_spec), ("schedule", schedule), ("clipping", clipping)) if b is not None}
    return {"params": {k: np.stack(v) for k, v in rec["params"].items()},
            "state": {k: (np.stack(v) if not isinstance(v, dict) else {n: np.stack(a) for n, a in v.items()})
                      for k, v in rec["state"].items()},
            "step": np.array(rec["step"]) if rec["step"] else None,
            "lr": np.array(rec["lr"], dtype=np.float64), "fixed": fixed}


def _record(rec: dict, opt, opt_spec, tensors: dict, names: list[str]) -> None:
    first = opt.state[tensors[names[0]][0]]
    for k in names:
        p, layout = tensors[k]
        rec["params"][k].append(from_torch(layout, to_numpy(p)))
        for slot, key in opt_spec.state.items():
            value = opt.state[p].get(key)
            if value is not None:
                rec["state"].setdefault(slot, {n: [] for n in names})[k].append(from_torch(layout, to_numpy(value)))
    for slot, key in opt_spec.scalars.items():
        rec["state"].setdefault(slot, []).append(float(first[key]))
    if opt_spec.step_key is not None:
        rec["step"].append(int(first[opt_spec.step_key]))
