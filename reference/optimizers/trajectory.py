"""The reference training loop, recording every update.

Open loop: ``grads`` is a fixed sequence (one dict per update) fed as is.
Closed loop: ``problem`` computes the gradient at the current parameters.
Per update: clip (if any), then ``optimizer.update``, then ``after_update(t, params)`` (if any): it may
return new parameters (a constraint's projection), ``STOP`` to end the run after this update (early
stopping), or None to go on. The one reference loop: optimizer, schedule, clipping and regularizer
trajectories and early stopping all run through it.

The record, shared with the framework runners (axis 0 = update 1..T):
    {"params": {name: (T, *shape)},
     "state":  {slot: {name: (T, *shape)}, scalar: (T,)},
     "step":   (T,)  updates applied,      "lr": (T,)  η used by each update}
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from reference.optimizers.base import Optimizer
from reference.optimizers.problems import Problem


STOP = "stop"


def run(optimizer: Optimizer, params: dict, steps: int, *, grads: list[dict] | None = None,
        problem: Problem | None = None, data: dict | None = None, scale: float = 1.0,
        clip: Callable[[dict], dict] | None = None,
        after_update: Callable[[int, dict], dict | str | None] | None = None) -> dict:
    """Up to ``steps`` updates (fewer when ``after_update`` says ``STOP``); the record above."""
    if (grads is None) == (problem is None):
        raise ValueError("give exactly one of grads (open loop) or problem (closed loop)")
    state = optimizer.init(params)
    rows: list[tuple[dict, dict]] = []
    lrs = []
    for t in range(steps):
        g = grads[t] if grads is not None else problem.loss_and_grad(params, data or {}, scale)[1]
        if clip is not None:
            g = clip(g)
        lrs.append(optimizer.lr_at(state["step"]))
        params, state = optimizer.update(g, state, params)
        outcome = after_update(t + 1, params) if after_update is not None else None
        if isinstance(outcome, dict):
            params = outcome
        rows.append((params, state))
        if outcome is STOP:
            break
    return stack(rows, lrs)


def stack(rows: list[tuple[dict, dict]], lrs: list[float]) -> dict:
    """Per-update (params, state) pairs -> the record above."""
    params0, state0 = rows[0]
    record = {"params": {k: np.stack([p[k] for p, _ in rows]) for k in params0},
              "state": {}, "step": np.array([s["step"] for _, s in rows]), "lr": np.array(lrs, dtype=np.float64)}
    for key, value in state0.items():
        if key == "step":
            continue
        if isinstance(value, dict):
            record["state"][key] = {k: np.stack([s[key][k] for _, s in rows]) for k in value}
        else:
            record["state"][key] = np.array([s[key] for _, s in rows], dtype=np.float64)
    return record
