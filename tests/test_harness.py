"""The harness's own machinery: comparison, non-finite values, isolation, JSON."""
import json
import math

import numpy as np
import pytest

from conformance import harness, report
from conformance.case import Case
from conformance.check import Check
from conformance.compare import compare
from conformance.inputs import normal
from conformance.tolerances import TOLERANCES, Override
from conformance.adapter import RunContext

T64 = TOLERANCES["float64"]


def test_compare_exact_and_within_tolerance():
    a = np.array([1.0, 2.0])
    assert compare(a, a.copy(), T64).ok
    assert compare(a + 1e-13, a, T64).ok
    assert not compare(a + 1e-6, a, T64).ok


def test_compare_nan_where_reference_is_finite_fails():
    c = compare(np.array([np.nan, 1.0]), np.array([0.5, 1.0]), T64)
    assert not c.ok and "non-finite" in c.note and math.isinf(c.max_abs_err)


def test_compare_matching_infinities_pass_and_mismatched_fail():
    assert compare(np.array([np.inf, 1.0]), np.array([np.inf, 1.0]), T64).ok
    assert not compare(np.array([-np.inf]), np.array([np.inf]), T64).ok


def test_compare_shape_and_dtype_mismatch_fail():
    c = compare(np.zeros(3), np.zeros((3, 1)), T64)
    assert not c.ok and "shape" in c.note
    c = compare(np.zeros(3, np.float32), np.zeros(3), T64)
    assert not c.ok and "dtype" in c.note


def test_compare_missing_value_fails():
    assert not compare(None, np.zeros(2), T64).ok


def test_override_requires_a_reason():
    with pytest.raises(ValueError, match="reason"):
        Override(1e-8, 1e-10, "  ", checks=("forward",))


def test_an_exception_in_a_case_becomes_an_error_record():
    bad = Case("dense", "layer", {"x": normal(4, 3)}, {"in_features": 3, "units": 0}, desc="broken")
    records = harness.run_case(bad, "torch", "float64")
    if records[0].status == "skip":
        pytest.skip(records[0].note)
    assert [r.status for r in records] == ["error"]
    assert "units=0 is not allowed" in records[0].note


def test_json_report_is_strict_json_with_nonfinite_errors(tmp_path):
    from conformance.record import Record
    rec = Record("x", "activation", "x[default]", "torch", "float64", "forward", "fail", float("inf"), float("nan"), 1e-12, 1e-10)
    path = tmp_path / "r.json"
    report.write_json(str(path), report.to_json([rec], {"python": "3"}))
    payload = json.loads(path.read_text())
    assert payload["results"][0]["max_abs_err"] == "inf"
    assert payload["results"][0]["max_rel_err"] == "nan"


def test_seeds_are_stable_across_processes_and_depend_on_the_case_id_only():
    # crc32 of "relu[default]": a per-process hash() would change this from run to run.
    assert Case("relu", "activation", {"x": normal(2, 2)}).seed == 1810992437
    assert Case("relu", "activation", {"x": normal(9, 9)}).seed == 1810992437
    assert Case("relu", "activation", {"x": normal(2, 2)}, desc="kink").seed != 1810992437


def test_per_step_errors_treat_matching_nonfinite_values_as_equal():
    a = np.array([[1.0, np.nan], [1.0, np.inf]])
    d = harness.per_step_errors(a, a.copy(), T64)
    assert d["first_step_over_tolerance"] is None and d["per_step_max_abs"] == [0.0, 0.0]
    b = a.copy()
    b[1, 1] = -np.inf
    assert harness.per_step_errors(b, a, T64)["first_step_over_tolerance"] == 2


def _override(reason, checks=("grad_input",)):
    from conformance.tolerances import Measured
    return Override(1e-8, 1e-9, reason, checks=checks, measured=(Measured(2.0, 0.5, "m"),))


def test_framework_keyed_override_wins_over_the_dtype_row():
    from conformance.tolerances import tolerance_for
    o = {"keras:float64": _override("keras only"), "float64": _override("both")}
    assert tolerance_for("float64", o, "keras", "grad_input").reason == "keras only"
    assert tolerance_for("float64", o, "torch", "grad_input").reason == "both"
    assert tolerance_for("float32", o, "keras", "grad_input") is TOLERANCES["float32"]


def test_an_override_loosens_only_the_checks_it_names():
    from conformance.tolerances import tolerance_for
    o = {"float64": _override("state only", checks=("params", "state:"))}
    assert tolerance_for("float64", o, "torch", "state:m").reason == "state only"
    assert tolerance_for("float64", o, "torch", "params").reason == "state only"
    assert tolerance_for("float64", o, "torch", "forward") is TOLERANCES["float64"]
    assert tolerance_for("float64", o, "torch", "lr") is TOLERANCES["float64"]


def test_an_override_names_its_checks_and_measurements():
    from conformance.tolerances import Measured
    with pytest.raises(ValueError, match="checks"):
        Override(1e-8, 1e-9, "why", measured=(Measured(2.0, 0.5, "m"),))
    with pytest.raises(ValueError, match="measured"):
        Override(1e-8, 1e-9, "why", checks=("forward",))


def test_rounding_bound_covers_any_summation_order_and_is_attained():
    """float32 x·W summed in several orders stay within 2·γₙ·(|x|·|W|) of each other; and the bound is
    not loose in the worst case: 1 followed by n − 1 terms just under half an ulp of 1, summed left to
    right, loses them all, half the bound away from the sum taken smallest first."""
    from conformance.tolerances import rounding_bound
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((64, 512)).astype(np.float32), rng.standard_normal((512, 16)).astype(np.float32)
    forward = (x @ w).astype(np.float64)
    reversed_ = x[:, ::-1] @ w[::-1]
    naive = np.zeros((64, 16), np.float32)
    for k in range(512):                                           # left-to-right in float32
        naive += x[:, k:k + 1] * w[k]
    bound = rounding_bound(x, w, "float32")
    for other in (reversed_, naive):
        assert np.all(np.abs(forward - other) <= bound)
    n = 1000
    terms = np.full(n, np.float32(0.99 * 2.0 ** -24))
    terms[0] = 1
    left_to_right, smallest_first = np.float32(0), np.float32(0)
    for t in terms:
        left_to_right = np.float32(left_to_right + t)
    for t in terms[::-1]:
        smallest_first = np.float32(smallest_first + t)
    worst = rounding_bound(terms[None, :], np.ones((n, 1), np.float32), "float32")[0, 0]
    assert 0.4 * worst < abs(float(left_to_right) - float(smallest_first)) <= worst

def test_irreducible_divergence_reports_only_its_checks(monkeypatch):
    from conformance import divergences as divs
    d = divs.Divergence(component="relu", framework="torch", what="pretend the gradient cannot be mapped",
                        framework_value="x", reference_value="y", mapping="none", irreducible=True,
                        cases=("default",), checks=("grad_input",))
    monkeypatch.setattr(harness.divs, "for_component", lambda fam, c, f: [d])
    records = harness.run_case(Case("relu", "activation", {"x": normal(4, 3)}), "torch", "float64")
    if records[0].status == "skip":
        pytest.skip(records[0].note)
    assert {r.check: r.status for r in records} == {"forward": "pass", "grad_input": "divergence"}


def test_irreducible_divergence_reports_the_case_as_divergence(monkeypatch):
    from conformance import divergences as divs
    d = divs.Divergence(component="relu", framework="torch", what="pretend no mapping exists",
                        framework_value="x", reference_value="y", mapping="none", irreducible=True,
                        cases=("default",))
    monkeypatch.setattr(harness.divs, "for_component", lambda fam, c, f: [d])
    case = Case("relu", "activation", {"x": normal(4, 3)})
    records = harness.run_case(case, "torch", "float64")
    if records[0].status == "skip":
        pytest.skip(records[0].note)
    assert {r.status for r in records} == {"divergence"}
    assert all("no mapping exists" in r.note for r in records)


def test_divergence_dtypes_are_checked():
    from conformance import divergences as divs
    with pytest.raises(ValueError, match="dtypes"):
        divs.Divergence(component="relu", framework="torch", what="w", framework_value="x",
                        reference_value="y", mapping="m", native={"a": 1}, dtypes=("flaot32",))


def test_irreducible_divergence_takes_no_mapping():
    from conformance import divergences as divs
    with pytest.raises(ValueError, match="irreducible"):
        divs.Divergence(component="relu", framework="torch", what="w", framework_value="x",
                        reference_value="y", mapping="m", irreducible=True, native={"a": 1})
    with pytest.raises(ValueError, match="reference_map"):
        divs.Divergence(component="relu", framework="torch", what="w", framework_value="x",
                        reference_value="y", mapping="m")


def test_per_step_errors_find_the_first_step_over_tolerance():
    want = np.zeros((5, 3))
    got = want.copy()
    got[3, 1] = 1e-6
    d = harness.per_step_errors(got, want, T64)
    assert d["first_step_over_tolerance"] == 4
    assert d["per_step_max_abs"][3] == 1e-6 and d["per_step_tolerance_ratio"][3] > 1
    assert d["per_step_tolerance_ratio"][0] == 0


def test_atol_scale_tightens_one_check(monkeypatch):
    """A quantity smaller than atol must not pass whatever its value."""
    want = np.full(3, 1e-13)
    checks = [Check("state:v", np.zeros(3), want), Check("state:v_scaled", np.zeros(3), want, atol_scale=1e-3)]
    monkeypatch.setitem(harness.CHECKERS, "activation", lambda *a: iter(checks))
    case = Case("relu", "activation", {"x": normal(2, 2)})
    records = harness.run_case(case, "torch", "float64", with_divergences=False)
    if records[0].status == "skip":
        pytest.skip(records[0].note)
    by = {r.check: r for r in records}
    assert by["state:v"].status == "pass"                      # the blind spot atol_scale closes
    assert by["state:v_scaled"].status == "fail" and by["state:v_scaled"].atol == pytest.approx(1e-15)


def test_json_report_writes_nonfinite_detail_as_strings(tmp_path):
    """A trajectory that blows up has inf/NaN in its per-step curves; the report is still written."""
    from conformance.record import Record
    detail = {"per_step_max_abs": [0.0, float("inf")], "per_step_max_rel": [float("nan"), np.float32(1.5)],
              "first_step_over_tolerance": 2, "final_max_abs": float("-inf"), "nested": {"x": (float("nan"),)}}
    rec = Record("sgd", "optimizer", "sgd[default]", "torch", "float64", "params", "fail", float("inf"),
                 float("nan"), 1e-12, 1e-10, detail=detail)
    path = tmp_path / "r.json"
    report.write_json(str(path), report.to_json([rec], {"python": "3"}))
    got = json.loads(path.read_text())["results"][0]["detail"]
    assert got == {"per_step_max_abs": [0.0, "inf"], "per_step_max_rel": ["nan", 1.5],
                   "first_step_over_tolerance": 2, "final_max_abs": "-inf", "nested": {"x": ["nan"]}}


def test_json_report_is_readable_by_others_as_the_umask_allows(tmp_path):
    import os
    import stat
    old = os.umask(0o022)
    try:
        report.write_json(str(tmp_path / "a.json"), {"x": 1})
        os.umask(0o077)
        report.write_json(str(tmp_path / "b.json"), {"x": 1})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.json").stat().st_mode) == 0o600


def test_json_report_is_never_half_written(tmp_path):
    path = tmp_path / "r.json"
    report.write_json(str(path), {"x": 1})
    with pytest.raises(TypeError):
        report.write_json(str(path), {"x": 2, "y": object()})       # fails mid-way through the dump
    assert json.loads(path.read_text()) == {"x": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]      # no temporary file left behind


def test_compare_says_when_nan_or_inf_matched():
    c = compare(np.array([np.nan, np.nan, np.inf, -np.inf, 1.0]), np.array([np.nan, np.nan, np.inf, -np.inf, 1.0]), T64)
    assert c.ok
    assert "NaN matched NaN at 2 element(s)" in c.note
    assert "+inf matched +inf at 1 element(s)" in c.note and "-inf matched -inf at 1 element(s)" in c.note
    assert compare(np.array([1.0]), np.array([1.0]), T64).note == ""


def _broken_torch_impl(tmp_path, monkeypatch, error: str):
    """torch_impl replaced by a package whose import raises ``error``."""
    from conformance import frameworks
    (tmp_path / "broken_rosetta_impl.py").write_text(f"raise {error}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(frameworks._PACKAGES, "torch", ("broken_rosetta_impl", "broken_rosetta_impl"))
    monkeypatch.setattr(frameworks, "_loaded", {})
    monkeypatch.setattr(frameworks, "_failed", {})
    return harness.run_case(Case("relu", "activation", {"x": normal(2, 2)}), "torch", "float64")


def test_a_framework_whose_import_raises_is_unavailable_not_a_crash(tmp_path, monkeypatch):
    """Not only ImportError: a broken install can raise anything on import."""
    from conformance import frameworks
    records = _broken_torch_impl(tmp_path, monkeypatch, "RuntimeError('libfoo.so: bad ELF header')")
    assert [(r.status, r.check) for r in records] == [("error", "setup")]       # installed but broken: never a skip
    assert records[0].note == "torch could not be imported (RuntimeError: libfoo.so: bad ELF header)"
    assert frameworks.implementation_status("torch", "activation", "relu") == "unavailable"


def test_an_import_error_of_an_installed_framework_is_not_called_not_installed(tmp_path, monkeypatch):
    from conformance import frameworks
    if frameworks.missing("torch"):
        pytest.skip(frameworks.missing("torch"))
    records = _broken_torch_impl(tmp_path, monkeypatch, "ImportError(\"cannot import name 'hyper'\")")
    assert records[0].note == "torch could not be imported (ImportError: cannot import name 'hyper')"
    assert records[0].status == "error"             # an error in our own package fails the run, not skipped


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_runner_draws_the_same_noise_for_the_same_seed(framework):
    from conftest import load_or_skip
    fw = load_or_skip(framework)
    x = -np.random.default_rng(0).uniform(0.5, 2.0, size=(4, 5))

    def noise(seed):
        return fw.adapter.run_module(RunContext("float64", seed=seed), "activation", "rrelu", {}, x, {},
                                     np.zeros_like(x), True, grad=False)["noise"]
    first = noise(7)
    assert np.array_equal(first, noise(7)) and not np.array_equal(first, noise(8))


def test_random_cases_give_identical_records_on_every_run():
    """rrelu in training draws its slopes in each framework; the case seed fixes them."""
    from conformance import catalog
    from conformance.case import DTYPES, FRAMEWORKS
    cases = [c for c in catalog.select(["rrelu"]) if c.training]
    first, second = (json.dumps(report.to_json(harness.run(cases, FRAMEWORKS, DTYPES), {})["results"])
                     for _ in range(2))
    assert first == second


def test_run_reports_progress_after_each_task():
    from conformance import catalog
    seen = []
    harness.run(catalog.select(["relu[default]"]), ["torch"], ["float32", "float64"],
                progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
