"""What a family checker yields: one named comparison (or a verdict it reached itself)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Check:
    """One check of one run.

    Usually ``got`` (framework) and ``want`` (reference) are arrays the harness compares
    with the dtype's tolerance. With ``per_step=True`` axis 0 is the step of a trajectory,
    and the harness also records the per-step error curve and the first step over tolerance.

    A checker that reaches its own verdict (a statistical test, a validity check) sets
    ``status`` ("pass" | "fail") and, where meaningful, ``max_abs_err``, ``atol``, ``rtol``;
    the harness records it as is.
    """
    name: str                          # forward | grad_input | grad_param:<name> | params | state:<name> | ...
    got: Any = None
    want: Any = None
    note: str = ""
    per_step: bool = False
    # Scales the dtype's atol for this check only (never above 1): a quantity whose whole
    # magnitude is below atol (e.g. Adam's v with 1e-6 gradients, ~1e-13) would otherwise pass
    # whatever its value. The scaled atol is what the record reports.
    atol_scale: float = 1.0
    # The rounding-error allowance computed alongside the reference (an array broadcastable to
    # ``want``, or None): |Δ| ≤ atol + rtol·|want| + bound (conformance/tolerances.py).
    bound: Any = None
    status: str | None = None
    max_abs_err: float | None = None
    max_rel_err: float | None = None
    atol: float | None = None
    rtol: float | None = None
    detail: dict | None = None
