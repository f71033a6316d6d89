"""Every registered component has a torch implementation, a Keras implementation and a case."""
import pytest

import reference
from conformance import catalog, frameworks
from conformance.case import FRAMEWORKS
from conformance.divergences import all_divergences

FAMILIES = ("layer", "activation", "loss", "initializer", "regularizer", "optimizer", "schedule", "clipping")
REGISTERED = [(kind, name) for kind in FAMILIES for name in reference.all_names(kind)]


def test_catalog_is_not_empty():
    assert len(REGISTERED) >= 3


@pytest.mark.parametrize("kind,name", REGISTERED, ids=[f"{k}:{n}" for k, n in REGISTERED])
def test_component_has_a_case(kind, name):
    assert any(c.family == kind and c.component == name for c in catalog.all_cases()), \
        f"{kind} {name!r} has no case in conformance/cases/"


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("kind,name", REGISTERED, ids=[f"{k}:{n}" for k, n in REGISTERED])
def test_component_has_an_implementation(kind, name, framework):
    try:
        fw = frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    assert fw.registry.has(kind, name), f"{framework} has no implementation of {kind} {name!r}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_no_framework_component_without_a_reference(framework):
    try:
        fw = frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    for kind in FAMILIES:
        extra = set(fw.registry.names(kind)) - set(reference.all_names(kind))
        assert not extra, f"{framework} registers {kind}s the reference lacks: {sorted(extra)}"


def test_every_case_names_a_registered_component():
    for c in catalog.all_cases():
        reference.get(c.family, c.component)


def test_divergences_point_at_real_cases():
    cases = {(c.component, c.desc) for c in catalog.all_cases()}
    for d in all_divergences():
        assert d.framework in FRAMEWORKS
        for desc in d.cases:
            assert (d.component, desc) in cases, f"divergence {d.component}/{d.framework} names missing case {desc!r}"


def test_tolerance_overrides_carry_a_reason_and_a_valid_key():
    from conformance.case import DTYPES
    valid = {*DTYPES, *(f"{fw}:{dt}" for fw in FRAMEWORKS for dt in DTYPES)}
    for c in catalog.all_cases():
        for key, tol in c.tolerance.items():
            assert key in valid, f"{c.id}: override key {key!r} is not one of {sorted(valid)}"
            assert tol.reason.strip(), f"{c.id} {key}: override without a reason"


def test_component_names_are_unique_across_families():
    """--only, divergence records and case ids key on the component name alone."""
    seen: dict[str, str] = {}
    for kind, name in REGISTERED:
        assert name not in seen, f"{name!r} is registered as a {seen[name]} and as a {kind}"
        seen[name] = kind


def test_every_differentiable_component_has_a_finite_difference_case():
    for kind in ("layer", "activation", "loss"):
        for name in reference.all_names(kind):
            if not getattr(reference.get(kind, name), "differentiable", True):
                continue
            assert any(c.family == kind and c.component == name and c.gradcheck for c in catalog.all_cases()), \
                f"{kind} {name!r}: no case with gradcheck=True, so its backward is never finite-differenced"


def test_every_optimizer_runs_both_modes_with_ordinary_and_tiny_gradients():
    from conformance.checkers.trajectory import DEFAULTS
    need = {(mode, size) for mode in ("open", "closed") for size in ("ordinary", "tiny")}
    for name in reference.all_names("optimizer"):
        have = set()
        for c in catalog.all_cases():
            if c.family == "optimizer" and c.component == name:
                s = {**DEFAULTS, **c.setup}
                if s["steps"] >= 100:
                    have.add((s["mode"], "tiny" if float(s["grad_scale"]) <= 1e-5 else "ordinary"))
        assert need <= have, f"optimizer {name!r} lacks 100-step cases for {sorted(need - have)}"
