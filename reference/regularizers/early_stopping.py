"""Early stopping on a validation loss (lower is better): a state machine, one update per epoch.

At the end of epoch e (0-based) with validation loss v:

    improved  = best is None  or  best − v > min_delta        (strictly)
    improved: best ← v, best_epoch ← e, wait ← 0, and the weights are remembered
    otherwise: wait ← wait + 1; stop when wait ≥ max(patience, 1)

``float32_comparison=True`` makes the test  f32(v + min_delta) < f32(best), the way Keras's
EarlyStopping decides even under floatx="float64": ``ops.less`` turns the two Python floats into
float32 tensors (keras/src/callbacks/monitor_callback.py, _is_improvement). Improvements smaller
than float32's resolution (relative 6e-8) then do not count.

So training stops at the end of the ``patience``-th consecutive epoch without improvement
(patience = 0 and 1 both stop at the first one: an improving epoch never stops).
At the end of training, stopped early or not, ``restore_best_weights=True`` puts back the
weights of ``best_epoch`` (Keras 3 restores whenever it remembered weights,
keras/src/callbacks/early_stopping.py, on_train_end).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from reference import validate
from reference.registry import register


@dataclass(frozen=True)
class State:
    best: float | None = None
    best_epoch: int = -1
    wait: int = 0
    stopped_epoch: int | None = None


@register("regularizer", "early_stopping")
class EarlyStopping:
    role = "early_stopping"

    def __init__(self, patience: int = 0, min_delta: float = 0.0, restore_best_weights: bool = False,
                 float32_comparison: bool = False):
        self.patience = validate.integer("patience", patience, low=0)
        self.min_delta = validate.number("min_delta", min_delta, low=0.0)
        self.restore_best_weights = validate.flag("restore_best_weights", restore_best_weights)
        self.float32_comparison = validate.flag("float32_comparison", float32_comparison)

    def init(self) -> State:
        return State()

    def improved(self, state: State, value: float) -> bool:
        if state.best is None:
            return True
        if self.float32_comparison:
            return bool(np.float32(value + self.min_delta) < np.float32(state.best))
        return state.best - value > self.min_delta

    def update(self, state: State, epoch: int, value: float) -> tuple[State, bool]:
        """(new state, improved). ``new.stopped_epoch`` is set when training must stop."""
        if self.improved(state, value):
            return replace(state, best=value, best_epoch=epoch, wait=0), True
        wait = state.wait + 1
        stop = wait >= max(self.patience, 1)
        return replace(state, wait=wait, stopped_epoch=epoch if stop else None), False

    def margin(self, state: State, value: float) -> float:
        """|best − value − min_delta|: how far this epoch's decision is from flipping."""
        return float("inf") if state.best is None else abs(state.best - value - self.min_delta)
