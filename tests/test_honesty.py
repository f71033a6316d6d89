"""The catalog's own honesty: no tolerance override looser than its measurements allow or kept
after its cause has gone, and no divergence record (mapped or irreducible) whose runs show nothing.

The verdicts hold on any CPU (``conformance/tolerances.py``): an override's recorded measurements
are checked as data (needed somewhere, tight, covering); then it is re-measured here. One whose
residual does not depend on the CPU must be needed and tight here too; a CPU-dependent one must
still show its cause (a table ratio at least a quarter of the smallest recorded).
"""
import dataclasses

import pytest

from conformance import catalog, frameworks, harness
from conformance.divergences import all_divergences
from conformance.honesty import TIGHT, frameworks_of, measure, problems
from conformance.tolerances import Measured, Override

NO_EFFECT = "(no effect on this case)"


def _available(framework):
    try:
        frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


OVERRIDES = [pytest.param(c, key, id=f"{c.id}-{key}") for c in catalog.all_cases() for key in c.tolerance]


@pytest.mark.parametrize("case,key", OVERRIDES)
def test_recorded_measurements_justify_the_override(case, key):
    o = case.tolerance[key]
    assert isinstance(o, Override), f"{case.id} {key}: a per-case tolerance must be an Override with its data"
    assert not problems(o), f"{case.id} {key}: " + "; ".join(problems(o))


def test_the_recorded_data_check_has_teeth():
    def o(*ratios):
        return Override(1e-5, 1e-6, "why", checks=("params",), measured=tuple(Measured(t, v, "m") for t, v in ratios))
    assert not problems(o((1.2, 0.3), (0.5, 0.1)))
    assert "remove it" in problems(o((0.9, 0.3)))[0]          # not needed anywhere
    assert "tighten it" in problems(o((1.2, 0.2)))[0]         # 5× looser than needed
    assert "loosen it" in problems(o((3.0, 1.5)))[0]          # fails even with it


@pytest.mark.parametrize("case,key", OVERRIDES)
def test_override_holds_here(case, key):
    """Re-measured on this machine: a CPU-independent override needed and tight here; a CPU-dependent
    one still showing its cause; both passing."""
    o = case.tolerance[key]
    for fw in frameworks_of(key):
        _available(fw)
    for fw, here in measure(case, key).items():
        assert here.override_ratio <= 1, f"{case.id} {fw}: fails with the override here ({here})"
        if o.cpu_dependent:
            floor = min(m.table_ratio for m in o.measured) * TIGHT
            assert here.table_ratio >= floor, (
                f"{case.id} {fw}: table ratio {here.table_ratio:.3g} here, below a quarter of every recorded one: "
                "its cause seems gone; re-measure (python -m conformance.honesty) or remove the override")
        else:
            assert here.table_ratio > 1, f"{case.id} {fw}: passes the table without the override {key!r} here"
            assert here.override_ratio >= TIGHT, f"{case.id} {fw}: override more than 4× what it needs ({here})"
            recorded = [m for m in o.measured]
            assert any(abs(here.table_ratio - m.table_ratio) <= 0.01 * m.table_ratio for m in recorded), (
                f"{case.id} {fw}: declared CPU-independent, but its ratio here {here.table_ratio:.3g} is none of the "
                f"recorded {[m.table_ratio for m in recorded]}")


DIVERGENCES = [pytest.param(d, id=f"{d.family}/{d.component}-{d.framework}-{d.what[:40]}") for d in all_divergences()]


@pytest.mark.parametrize("divergence", DIVERGENCES)
def test_every_divergence_shows_an_effect_in_each_of_its_dtypes(divergence):
    _available(divergence.framework)
    cases = [c for c in catalog.all_cases() if (c.family, c.component) == (divergence.family, divergence.component)
             and c.desc in divergence.cases]
    for dtype in divergence.dtypes:
        records = [r for c in cases for r in harness.run_case(c, divergence.framework, dtype)
                   if r.status == "divergence" and r.divergence == divergence.what]
        assert records, f"no run of {divergence.what!r} in {dtype}"
        assert any(NO_EFFECT not in r.note for r in records), (
            f"{divergence.component}/{divergence.framework} {divergence.what!r} has no effect in {dtype} on "
            f"{divergence.cases}: set dtypes=, pick cases that show it, or remove the record")


@pytest.mark.parametrize("divergence", [d for d in all_divergences() if d.irreducible],
                         ids=lambda d: f"{d.component}-{d.framework}")
def test_irreducible_checks_are_the_ones_that_differ(divergence):
    """An irreducible record's ``checks`` are exactly the checks over the table on its cases."""
    _available(divergence.framework)
    for c in catalog.all_cases():
        if (c.family, c.component) != (divergence.family, divergence.component) or c.desc not in divergence.cases:
            continue
        for dtype in divergence.dtypes:
            records = harness.run_case(dataclasses.replace(c, tolerance={}), divergence.framework, dtype,
                                       with_divergences=False)
            over = {r.check for r in records if r.status == "divergence" and NO_EFFECT not in r.note}
            assert over and all(divergence.affects(ch) for ch in over)
            assert all(r.status == "pass" for r in records if not divergence.affects(r.check)), (
                f"{c.id} {dtype}: a check outside {divergence.checks} fails")
