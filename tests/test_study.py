"""Examples three ways (``conformance/study.py``): every example has its six ways (or a stated reason), each
way is the function the harness calls and agrees with the reference through the harness in both dtypes, a
planted departure is caught, unknown names are clear errors, and every example's notebook runs.

All examples run through the harness in ``test_conformance.py`` (their cases are the "example" family's);
here the XOR example is run with every check's name inspected."""
import inspect
import textwrap

import numpy as np
import pytest

import reference
from conformance import catalog, frameworks, harness, study
from conformance.case import DTYPES, FRAMEWORKS

NAMES = list(study.EXAMPLES)


def _require(framework):
    try:
        frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


def _all_frameworks():
    for fw in FRAMEWORKS:
        _require(fw)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_has_six_ways_or_says_why(name):
    _all_frameworks()
    ex = study.EXAMPLES[name]
    have = [w.key for w in study.ways(name)]
    assert sorted(have + list(ex.missing)) == sorted(study.WAY_KEYS), f"{name}: ways {have}, missing {ex.missing}"
    assert all(reason.strip() for reason in ex.missing.values()), f"{name}: a missing way without a reason"
    assert ex.step in study.STEPS
    assert ex.spec is None or (study.ROOT / ex.spec).exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_a_case_of_the_catalog_and_names_real_components(name):
    case = study.case(name)
    assert [c for c in catalog.all_cases() if (c.family, c.id) == ("example", case.id)] == [case]
    reference.get("example", case.component)                 # the network's module is registered
    for comp in study.EXAMPLES[name].components:
        family, _, component = comp.partition("/")
        reference.get(family, component)


@pytest.mark.parametrize("name", NAMES)
def test_source_is_the_code_of_the_function(name):
    """``source(way)`` is ``inspect.getsource`` of the way's function, found at the path and line it gives."""
    _all_frameworks()
    for way in study.ways(name):
        code, path, line = study.source(way)
        assert code == inspect.getsource(way.function)
        assert (study.ROOT / path).read_text().splitlines()[line - 1] == code.splitlines()[0]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_way_of_xor_agrees_with_the_reference_through_the_harness(framework, dtype, monkeypatch):
    """The harness calls exactly the ways' functions (recorded through ``study.run``), and each passes its
    loss and weight checks within the table's tolerance."""
    _require(framework)
    called = []
    real_run = study.run
    monkeypatch.setattr(study, "run", lambda way, data: called.append(way.function) or real_run(way, data))
    records = harness.run_case(study.case("xor"), framework, dtype)
    bad = [f"{r.check}: {r.status} {r.note}" for r in records if r.status != "pass"]
    assert not bad, "\n".join(bad)
    ways = study.ways("xor", frameworks=("reference", framework))
    assert called == [w.function for w in ways]
    checks = {r.check for r in records}
    for way in ways:
        assert {f"{way.key}:loss", *(f"{way.key}:weight:{k}" for k in ("W1", "b1", "W2", "b2"))} <= checks, way.key
    assert all(r.tolerance_ratio is not None and r.tolerance_ratio <= 1 for r in records)


def _planted(way: study.Way, old: str, new: str):
    """A copy of ``way``'s function with ``old`` replaced by ``new`` in its source (one occurrence)."""
    code = textwrap.dedent(study.source(way)[0])
    assert code.count(old) == 1, old
    namespace = dict(way.function.__globals__)
    exec(compile(code.replace(old, new), "<planted>", "exec"), namespace)   # noqa: S102 - our own source
    return namespace[way.function.__name__]


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_wrong_sign_planted_in_the_numpy_way_is_caught(dtype, monkeypatch):
    _require("torch")
    numpy_way = study.ways("xor", frameworks=("reference",))[0]
    wrong = _planted(numpy_way, "W2 -= learning_rate * dW2", "W2 += learning_rate * dW2")
    real_entry = study._entry
    monkeypatch.setattr(study, "_entry", lambda spec, network: wrong if spec.key == "numpy_by_hand"
                        else real_entry(spec, network))
    records = harness.run_case(study.case("xor"), "torch", dtype)
    failed = {r.check for r in records if r.status == "fail"}
    assert "numpy_by_hand:weight:W2" in failed and "numpy_by_hand:loss" in failed
    assert not any(c.startswith("torch_") for c in failed), failed


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("key", ["torch_high_level", "keras_functional"])
def test_a_learning_rate_off_by_a_thousandth_is_caught(key, dtype, monkeypatch):
    framework = "torch" if key.startswith("torch") else "keras"
    _require(framework)
    real_entry = study._entry

    def entry(spec, network):
        function = real_entry(spec, network)
        if spec.key != key:
            return function
        return lambda x, y, params, *, learning_rate, **kw: function(x, y, params, learning_rate=learning_rate * 1.001,
                                                                    **kw)
    monkeypatch.setattr(study, "_entry", entry)
    records = harness.run_case(study.case("planar"), framework, dtype)
    failed = {r.check for r in records if r.status == "fail"}
    assert {f"{key}:weight:W1", f"{key}:weight:W2"} <= failed, failed
    assert all(c.startswith(key) for c in failed), failed


def test_the_ways_of_tutorial_adam_each_follow_their_framework_and_the_placement_shows():
    """torch's ways are checked against the reference with ε after the bias correction, Keras's with ε before
    it; the two placements' weights lie apart by more than the float64 tolerance, so a way written in the
    other framework's form would fail."""
    from conformance.checkers.example import reference_run
    ex = study.EXAMPLES["tutorial_adam"]
    assert ex.conventions["torch_high_level"]["epsilon_placement"] == "after_correction"
    assert ex.conventions["keras_sequential"]["epsilon_placement"] == "before_correction"
    data = study.inputs("tutorial_adam", "float64")
    after = reference_run("tutorial_adam", data, {"epsilon_placement": "after_correction"})
    before = reference_run("tutorial_adam", data, {"epsilon_placement": "before_correction"})
    apart = max(np.max(np.abs(after["weights"][k] - before["weights"][k]) / np.abs(after["weights"][k]).max())
                for k in after["weights"])
    assert apart > 100 * 1e-10, apart


def test_every_spec_file_is_an_example_or_says_why_not_yet():
    specs = {path.stem for path in (study.ROOT / "examples").glob("*.toml")}
    assert not set(study.NOT_YET) & set(study.EXAMPLES)
    assert specs <= set(study.EXAMPLES) | set(study.NOT_YET), sorted(specs - set(study.EXAMPLES) - set(study.NOT_YET))
    assert all(reason.strip() for reason in study.NOT_YET.values())


def test_unknown_example_names_the_valid_ones():
    for call in (study.ways, study.notebook, study.get, study.case, lambda n: study.inputs(n, "float64")):
        with pytest.raises(KeyError, match="unknown example 'nope'; valid examples: xor, planar"):
            call("nope")


def test_inputs_are_the_same_for_every_call_and_in_the_reference_layout():
    a, b = study.inputs("planar", "float32"), study.inputs("planar", "float32")
    assert np.array_equal(a["x"], b["x"]) and all(np.array_equal(a["params"][k], b["params"][k]) for k in a["params"])
    assert a["params"]["W1"].shape == (2, 4) and a["params"]["W1"].dtype == np.float32        # (in, out)
    assert [len(o) for o in a["kwargs"]["orders"]] == [40] * 5
    assert not np.array_equal(a["kwargs"]["orders"][0], a["kwargs"]["orders"][1])            # shuffled per epoch


def test_notebook_is_built_from_the_source():
    _all_frameworks()
    nb = study.notebook("xor")
    code_cells = [c.source for c in nb.cells if c.cell_type == "code"]
    for way in study.ways("xor"):
        code = study.source(way)[0].rstrip()
        assert sum(code in cell for cell in code_cells) == 1, way.key
    assert "teaches" not in nb.cells[0].source and study.EXAMPLES["xor"].teaches in nb.cells[0].source
