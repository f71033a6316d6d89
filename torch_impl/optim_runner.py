"""Run an optimizer trajectory in torch and record it as the reference does
(``reference/optimizers/trajectory.py``: params, state, step and lr per update).

run(ctx, spec), spec = {"optimizer": (name, kwargs), "schedule": (name, kwargs) | None,
        "clipping": (name, kwargs) | None, "steps": T, "params": {name: array},
        "grads": [{name: array}] * T (open loop) | None,
        "problem": {"name": "bowl" | "rosenbrock" | "mlp", "data": {...}, "scale": s} (closed loop) | None,
        "steps_per_epoch": k | None}     (optional: the schedule counts epochs of k updates)

The record adds ``fixed`` (slot -> the builders' fixed formulations) and ``notes`` (what the
record should say about this run; none in torch).

Updates run through the one torch training loop (``torch_impl/training.py``): gradients (set from the
sequence, or ``loss.backward()``), clipping on ``.grad``, ``optimizer.step()``, then ``scheduler.step()``
after every update, or after every k-th one when ``steps_per_epoch`` is k (PyTorch's once-per-epoch
idiom; ``reference.schedules.base.ADVANCE``).
"""
from __future__ import annotations

import numpy as np
import torch

from torch_impl.device import set_dtype, to_device, to_numpy
from torch_impl.layout import from_torch, to_torch
from torch_impl.registry import REGISTRY
from torch_impl import training


def _built(kind: str, entry):
    return None if entry is None else REGISTRY.get(kind, entry[0]).build(**entry[1]).module


def _bowl(data: dict, t: dict):
    return lambda: sum(0.5 * torch.sum(data[f"a:{k}"] * (t[k] - data[f"c:{k}"]) ** 2) for k in sorted(t))


def _rosenbrock(data: dict, t: dict):
    return lambda: torch.sum((1 - t["x"]) ** 2 + 100 * (t["y"] - t["x"] ** 2) ** 2)


def _leaves(params: dict, data: dict, device: str, loss_of):
    """Parameters as leaf tensors and the loss ``loss_of(data, tensors)`` of them."""
    tensors = {k: (torch.nn.Parameter(to_device(v, device)), "same") for k, v in params.items()}
    d = {k: to_device(v, device) for k, v in data.items()}
    return tensors, loss_of(d, {k: p for k, (p, _) in tensors.items()})


def _mlp(params: dict, data: dict, device: str):
    """nn.Sequential(Linear, ReLU, Linear) from the registry's builders, and its MSE loss."""
    (n_in, n_hidden), n_out = params["W1"].shape, params["W2"].shape[1]
    d1 = REGISTRY.get("layer", "dense").build(in_features=n_in, units=n_hidden)
    d2 = REGISTRY.get("layer", "dense").build(in_features=n_hidden, units=n_out)
    model = torch.nn.Sequential(d1.module, REGISTRY.get("activation", "relu").build().module, d2.module).to(device)
    slots = {"W1": (d1.module, d1.params["W"]), "b1": (d1.module, d1.params["b"]),
             "W2": (d2.module, d2.params["W"]), "b2": (d2.module, d2.params["b"])}
    tensors = {}
    with torch.no_grad():
        for name, (module, slot) in slots.items():
            p = getattr(module, slot.attr)
            p.copy_(to_device(to_torch(slot.layout, params[name]), device))
            tensors[name] = (p, slot.layout)
    mse = REGISTRY.get("loss", "mse").build(reduction="mean").module
    x, y = to_device(data["x"], device), to_device(data["y"], device)
    return tensors, lambda: mse(model(x), y)


# The closed-loop problems of reference/optimizers/problems.py, keyed alike:
# name -> (params, data, device) -> (name -> (leaf tensor, layout), loss closure, unscaled).
PROBLEMS = {
    "bowl": lambda params, data, device: _leaves(params, data, device, _bowl),
    "rosenbrock": lambda params, data, device: _leaves(params, data, device, _rosenbrock),
    "mlp": _mlp,
}


def _problem(problem: dict | None, params: dict, device: str):
    """Parameters as leaf tensors (name -> (tensor, layout)), and the closed-loop loss times the
    problem's scale (None: open loop)."""
    if problem is None:
        return {k: (torch.nn.Parameter(to_device(v, device)), "same") for k, v in params.items()}, None
    if problem["name"] not in PROBLEMS:
        raise KeyError(f"unknown problem {problem['name']!r}; valid names: {', '.join(sorted(PROBLEMS))}")
    tensors, loss = PROBLEMS[problem["name"]](params, problem["data"], device)
    scale = problem.get("scale", 1.0)
    return tensors, loss if scale == 1.0 else (lambda: scale * loss())


def run(ctx, spec: dict) -> dict:
    set_dtype(ctx.dtype)
    schedule = _built("schedule", spec.get("schedule"))
    opt_name, opt_kwargs = spec["optimizer"]
    if schedule is not None:
        opt_kwargs = {**opt_kwargs, "learning_rate": schedule.base_lr}
    opt_spec = _built("optimizer", (opt_name, opt_kwargs))
    clipping = _built("clipping", spec.get("clipping"))
    tensors, loss = _problem(spec.get("problem"), spec["params"], ctx.device)
    names = sorted(tensors)
    plist = [tensors[k][0] for k in names]
    opt = opt_spec.make(plist)
    scheduler = schedule.make(opt) if schedule is not None and schedule.make is not None else None

    rec = {"params": {k: [] for k in names}, "state": {}, "step": [], "lr": []}

    def set_grads(t: int) -> None:
        for k in names:
            p, layout = tensors[k]
            p.grad = to_device(to_torch(layout, spec["grads"][t][k]), ctx.device)

    training.train(opt, spec["steps"], loss=loss, set_grads=None if loss is not None else set_grads,
          clip=None if clipping is None else (lambda: clipping.apply(plist)), scheduler=scheduler,
          steps_per_epoch=spec.get("steps_per_epoch") or 1,
          before_step=lambda t: rec["lr"].append(float(opt.param_groups[0]["lr"])),
          after_step=lambda t: _record(rec, opt, opt_spec, tensors, names))
    fixed = {kind: getattr(b, "fixed", {}) for kind, b in
             (("optimizer", opt_spec), ("schedule", schedule), ("clipping", clipping)) if b is not None}
    return {"params": {k: np.stack(v) for k, v in rec["params"].items()},
            "state": {k: (np.stack(v) if not isinstance(v, dict) else {n: np.stack(a) for n, a in v.items()})
                      for k, v in rec["state"].items()},
            "step": np.array(rec["step"]) if rec["step"] else None,
            "lr": np.array(rec["lr"], dtype=np.float64), "fixed": fixed, "notes": []}


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
