"""Measure a tolerance override: what its checks need, here, under the table and under the override.

``tests/test_honesty.py`` uses ``measure``; a maintainer adding or re-measuring an override runs

    python -m conformance.honesty 'rmsprop[mlp]'

and pastes the printed ``Measured(...)`` into the case (``rosetta kernels avx2 --`` or ``sse41 --``
in front measures it with another CPU's kernels on this one; the machine string names the caps).
"""
from __future__ import annotations

import dataclasses
import sys

from conformance import harness
from conformance.case import FRAMEWORKS, Case
from conformance.environment import machine
from conformance.tolerances import Measured, Override


def frameworks_of(key: str) -> list[str]:
    return [key.split(":")[0]] if ":" in key else list(FRAMEWORKS)


def _worst_ratio(case: Case, framework: str, dtype: str, override: Override) -> float:
    """The worst tolerance ratio over the checks the override names (records of the mapped run)."""
    ratios = [r.tolerance_ratio for r in harness.run_case(case, framework, dtype, with_divergences=False)
              if r.status in ("pass", "fail") and override.covers(r.check)]
    if any(r is None for r in ratios) or not ratios:
        raise RuntimeError(f"{case.id} {framework} {dtype}: the override's checks {override.checks} gave no ratio")
    return max(ratios)


def measure(case: Case, key: str) -> dict[str, Measured]:
    """framework -> Measured of the override ``case.tolerance[key]`` on this machine."""
    override = case.tolerance[key]
    dtype = key.split(":")[-1]
    bare = dataclasses.replace(case, tolerance={})
    return {fw: Measured(table_ratio=_worst_ratio(bare, fw, dtype, override),
                         override_ratio=_worst_ratio(case, fw, dtype, override), machine=machine())
            for fw in frameworks_of(key)}


TIGHT = 0.25      # an override may be at most ~4× what its checks need


def problems(override: Override) -> list[str]:
    """What is wrong with an override's recorded measurements (empty: it is justified): needed on some
    recorded machine (table ratio > 1), tight (some override ratio ≥ 1/4), covering (all ≤ 1)."""
    out = []
    if max(m.table_ratio for m in override.measured) <= 1:
        out.append("no recorded machine needs it (every table ratio ≤ 1): remove it")
    if max(m.override_ratio for m in override.measured) < TIGHT:
        out.append(f"more than {1 / TIGHT:.0f}× what any recorded machine needs: tighten it")
    if any(m.override_ratio > 1 for m in override.measured):
        out.append("a recorded machine fails even with it: loosen it or fix the cause")
    return out


def main(argv: list[str]) -> int:
    from conformance import catalog
    for case in catalog.select(argv):
        for key in case.tolerance:
            for fw, m in measure(case, key).items():
                print(f"{case.id} {key} ({fw}): Measured({m.table_ratio:.3g}, {m.override_ratio:.3g}, {m.machine!r})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
