"""Every registered component has a torch implementation, a Keras implementation and a case; adding
one takes its three files and a case entry, nothing else."""
import pathlib
import sys

import pytest

import reference
from conformance import catalog, frameworks
from conformance.case import FRAMEWORKS
from conformance.divergences import all_divergences
from reference.registry import FAMILIES, load_package

ROOT = pathlib.Path(__file__).resolve().parent.parent
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
    cases = {(c.family, c.component, c.desc) for c in catalog.all_cases()}
    for d in all_divergences():
        assert d.framework in FRAMEWORKS and d.family in FAMILIES
        for desc in d.cases:
            assert (d.family, d.component, desc) in cases, \
                f"divergence {d.family}/{d.component}/{d.framework} names missing case {desc!r}"


def test_tolerance_overrides_carry_a_reason_and_a_valid_key():
    from conformance.case import DTYPES
    valid = {*DTYPES, *(f"{fw}:{dt}" for fw in FRAMEWORKS for dt in DTYPES)}
    for c in catalog.all_cases():
        for key, tol in c.tolerance.items():
            assert key in valid, f"{c.id}: override key {key!r} is not one of {sorted(valid)}"
            assert tol.reason.strip(), f"{c.id} {key}: override without a reason"


def test_one_name_may_serve_two_families(monkeypatch):
    """Components are keyed by (family, name): a name in two families is two components, and a plain
    --only name that is ambiguous says which family/name to write."""
    from conformance.case import Case
    from conformance.inputs import normal
    twin = Case("relu", "loss", {"y_pred": normal(2, 2), "y_true": normal(2, 2)})
    monkeypatch.setattr(catalog, "all_cases", lambda real=catalog.all_cases: [*real(), twin])
    assert {c.family for c in catalog.select(["activation/relu"])} == {"activation"}
    assert catalog.select(["loss/relu"]) == [twin]
    with pytest.raises(ValueError, match="activation/relu, loss/relu"):
        catalog.select(["relu"])


def test_family_folders_hold_no_import_lists():
    """Registration is each module's own @register; the three packages keep no lists to agree."""
    for root in ("reference", "torch_impl", "tf_impl"):
        for folder in FAMILIES.values():
            text = (ROOT / root / folder / "__init__.py").read_text()
            assert "import" not in text.split('"""')[-1], f"{root}/{folder}/__init__.py imports modules by hand"


def test_adding_a_component_is_one_file_per_package(tmp_path, monkeypatch):
    """A module dropped into a family folder registers itself: nothing else lists it."""
    pkg = tmp_path / "probe_pkg"
    for folder in FAMILIES.values():
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("from reference.registry import Registry\nREGISTRY = Registry('probe')\n")
    (pkg / "activations" / "swish.py").write_text(
        "from probe_pkg import REGISTRY\n\n@REGISTRY.register('activation', 'swish')\nclass Swish:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    load_package("probe_pkg")
    assert sys.modules["probe_pkg"].REGISTRY.names("activation") == ["swish"]


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
