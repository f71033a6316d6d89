"""What a Keras optimizer builder returns (as ``Built.module``), and how hyperparameters are passed.

``make(dtype, **extra)`` builds the ``keras.optimizers`` object for a run in ``dtype`` (the run
context's, passed by the runner): it calls the builder's ``construct(h, **extra)`` with the
hyperparameter converter ``h`` (below); ``extra`` carries the
clipping keyword (``clipnorm`` / ``global_clipnorm`` / ``clipvalue``), which Keras takes on the optimizer.
``state`` maps a reference slot to the optimizer attribute holding one variable per model
variable (indexed by ``optimizer._get_variable_index``); ``scalars`` maps a reference scalar to
an attribute holding one variable; the step count is ``optimizer.iterations``.
``fixed`` lists reference settings Keras cannot change, with the value Keras implements; the
trajectory checker verifies that the reference it is compared with is configured the same way.
Builders take every reference keyword and pass each one Keras has; a formulation switch Keras
lacks (``epsilon_placement``, ``momentum_form``, ``weight_decay_mode``, Nadam's
``momentum_decay``) is accepted, not passed, and declared in ``fixed``.

Hyperparameters go through ``h``, ``exact(dtype)`` for a builder. In float64 runs: ``np.float64(v)``,
because Keras casts Python floats through float32 (``ops.cast(0.9, "float64")`` is
0.8999999761581421; docs/findings.md). In float32 runs: plain floats, because Keras Nadam
multiplies its float32 ``_u_product`` variable by the raw ``beta_1`` (``keras/src/optimizers/nadam.py:99``),
which raises InvalidArgumentError for an np.float64; the float32 cast is then the run's own precision
anyway. The ``python_floats`` variant of a builder (``python_floats(build(...))``) passes plain floats
in every run, as a user writes them, which is how that divergence is measured: it changes nothing in
float32 runs, so its divergence records are measured in float64 only (``dtypes``). Schedules use the
same converters (``tf_impl/schedules/base.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from numbers import Real
from typing import Any, Callable

import numpy as np

from tf_impl.registry import Built


def as_float(value: Any) -> Any:
    """A number as a plain Python float (Keras casts it through float32); a schedule, None or a flag as it is."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return value
    return float(value)


def as_float64(value: Any) -> Any:
    """A number as np.float64 (exact in float64); a schedule, None or a flag as it is."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return value
    return np.float64(value)


def exact(dtype: str) -> Callable[[Any], Any]:
    """A builder's ``h`` for a run in ``dtype``: ``as_float64`` in float64 runs, else ``as_float``."""
    return as_float64 if dtype == "float64" else as_float


@dataclass
class KerasOptimizer:
    construct: Callable[..., Any]           # construct(h, **extra) -> the keras.optimizers object
    state: dict[str, str]
    scalars: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, Any] = field(default_factory=dict)
    hyper: Callable[[Any], Any] | None = None     # h; None: exact(dtype) for the run

    def make(self, dtype: str, **extra: Any) -> Any:
        return self.construct(self.hyper or exact(dtype), **extra)


def python_floats(built: Built) -> Built:
    """``built`` (a ``KerasOptimizer`` or ``KerasSchedule``) passing every hyperparameter as a plain
    Python float, as a user writes it: the ``python_floats`` variant (Keras rounds them through float32)."""
    return replace(built, module=replace(built.module, hyper=as_float))


def decoupled_only(weight_decay: float) -> dict[str, Any]:
    """Keras's ``weight_decay`` is decoupled for every optimizer (p ← p − η·λ·p before the update,
    ``keras/src/optimizers/base_optimizer.py`` ``_apply_weight_decay``)."""
    return {"weight_decay_mode": "decoupled"} if weight_decay else {}


def weight_decay_arg(h, weight_decay):
    """Keras's default is None (no decay step at all); 0 is passed as None."""
    return h(weight_decay) if weight_decay else None
