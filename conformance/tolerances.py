"""The tolerance table: one row per dtype. A check passes when, element by element,
|framework − reference| ≤ atol + rtol·|reference|.

A case may override a row with ``Override(rtol, atol, reason)``, keyed by dtype
("float64": both frameworks) or by framework and dtype ("keras:float64": that framework
only, preferred when only one framework needs it); the reason is printed in the report.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float
    reason: str = ""          # empty for the table's own rows


TOLERANCES = {
    # float64: both frameworks agree with the reference at round-off (measured ≤ 1e-14 abs
    # on the whole catalog); 1e-10 relative leaves room for summation order only.
    "float64": Tolerance(rtol=1e-10, atol=1e-12),
    # float32: a few ulps of float32 (eps 1.2e-7) through a matmul or a reduction.
    "float32": Tolerance(rtol=1e-5, atol=1e-6),
}


def Override(rtol: float, atol: float, reason: str) -> Tolerance:
    """A per-case tolerance; ``reason`` is required and shows in the report."""
    if not reason.strip():
        raise ValueError("reason='' is not allowed: a tolerance override must say why")
    return Tolerance(rtol=rtol, atol=atol, reason=reason)


def tolerance_for(dtype: str, overrides: dict[str, Tolerance] | None = None, framework: str | None = None) -> Tolerance:
    overrides = overrides or {}
    for key in (f"{framework}:{dtype}", dtype):
        if key in overrides:
            return overrides[key]
    return TOLERANCES[dtype]
