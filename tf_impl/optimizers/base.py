"""What a Keras optimizer builder returns (as ``Built.module``), and how hyperparameters are passed.

``make(**extra)`` builds the ``keras.optimizers`` object; ``extra`` carries the clipping keyword
(``clipnorm`` / ``global_clipnorm`` / ``clipvalue``), which Keras takes on the optimizer.
``state`` maps a reference slot to the optimizer attribute holding one variable per model
variable (indexed by ``optimizer._get_variable_index``); ``scalars`` maps a reference scalar to
an attribute holding one variable; the step count is ``optimizer.iterations``.
``fixed`` lists reference settings Keras cannot change, with the value Keras implements; the
trajectory checker verifies that the reference it is compared with is configured the same way.
Builders take every reference keyword and pass each one Keras has; a formulation switch Keras
lacks (``epsilon_placement``, ``momentum_form``, ``weight_decay_mode``, Nadam's
``momentum_decay``) is accepted, not passed, and declared in ``fixed``.

Hyperparameters go through ``hyper``. In float64 runs: ``np.float64(v)``, because Keras casts
Python floats through float32 (``ops.cast(0.9, "float64")`` is 0.8999999761581421; DIVERGENCES.md
§0); ``python_floats=True`` passes plain floats, which is how that divergence is measured. In
float32 runs: plain floats, because Keras Nadam multiplies its float32 ``_u_product`` variable
by the raw ``beta_1`` (``keras/src/optimizers/nadam.py:99``), which raises InvalidArgumentError
for an np.float64; the float32 cast is then the run's own precision anyway.
So ``python_floats`` changes nothing in float32 runs, and its divergence records are measured in
float64 only (``dtypes``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable

import keras
import numpy as np


@dataclass
class KerasOptimizer:
    make: Callable[..., Any]
    state: dict[str, str]
    scalars: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, Any] = field(default_factory=dict)


def hyper(python_floats: bool, *, always_exact: bool = False) -> Callable[[Any], Any]:
    """Numbers -> np.float64 in float64 runs, else float; schedules, None and flags pass through.

    ``always_exact``: np.float64 in float32 runs too (learning-rate schedules: they compute on
    their own, in the dtype of ``initial_learning_rate``, and the optimizer casts the result)."""
    exact = not python_floats and (always_exact or keras.config.floatx() == "float64")

    def h(value):
        if isinstance(value, bool) or not isinstance(value, Real):
            return value
        return np.float64(value) if exact else float(value)
    return h


def decoupled_only(weight_decay: float) -> dict[str, Any]:
    """Keras's ``weight_decay`` is decoupled for every optimizer (p ← p − η·λ·p before the update,
    ``keras/src/optimizers/base_optimizer.py`` ``_apply_weight_decay``)."""
    return {"weight_decay_mode": "decoupled"} if weight_decay else {}


def weight_decay_arg(h, weight_decay):
    """Keras's default is None (no decay step at all); 0 is passed as None."""
    return h(weight_decay) if weight_decay else None
