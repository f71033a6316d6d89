"""The catalog's own honesty: no tolerance override the framework does not need, and no
divergence record whose native run shows nothing.

Both rerun parts of the catalog (about a minute together), so a stale override or record fails
here instead of quietly loosening the report or padding its divergence count.
"""
import dataclasses

import pytest

from conformance import catalog, frameworks, harness
from conformance.case import FRAMEWORKS
from conformance.divergences import all_divergences

NO_EFFECT = "(no effect on this case)"


def _available(framework):
    try:
        frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


OVERRIDES = [pytest.param(c, key, id=f"{c.id}-{key}") for c in catalog.all_cases() for key in c.tolerance]


@pytest.mark.parametrize("case,key", OVERRIDES)
def test_every_override_is_needed_where_it_applies(case, key):
    """Without the override, each framework it covers fails the table (else the key is too wide)."""
    fws, dtype = ([key.split(":")[0]] if ":" in key else list(FRAMEWORKS)), key.split(":")[-1]
    bare = dataclasses.replace(case, tolerance={})
    for fw in fws:
        _available(fw)
        records = harness.run_case(bare, fw, dtype, with_divergences=False)
        assert any(r.status == "fail" for r in records), (
            f"{case.id}: {fw} {dtype} passes the table without the override {key!r}: narrow or remove it")


DIVERGENCES = [pytest.param(d, id=f"{d.component}-{d.framework}-{d.what[:40]}") for d in all_divergences()
               if not d.irreducible]


@pytest.mark.parametrize("divergence", DIVERGENCES)
def test_every_divergence_shows_an_effect_in_each_of_its_dtypes(divergence):
    _available(divergence.framework)
    cases = [c for c in catalog.all_cases() if c.component == divergence.component and c.desc in divergence.cases]
    for dtype in divergence.dtypes:
        records = [r for c in cases for r in harness.run_case(c, divergence.framework, dtype)
                   if r.status == "divergence" and r.divergence == divergence.what]
        assert records, f"no native run of {divergence.what!r} in {dtype}"
        assert any(NO_EFFECT not in r.note for r in records), (
            f"{divergence.component}/{divergence.framework} {divergence.what!r} has no effect in {dtype} on "
            f"{divergence.cases}: set dtypes=, pick cases that show it, or remove the record")
