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
        Override(1e-8, 1e-10, "  ")


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


def test_framework_keyed_override_wins_over_the_dtype_row():
    from conformance.tolerances import tolerance_for
    o = {"keras:float64": Override(1e-8, 1e-9, "keras only"), "float64": Override(1e-9, 1e-10, "both")}
    assert tolerance_for("float64", o, "keras").reason == "keras only"
    assert tolerance_for("float64", o, "torch").reason == "both"
    assert tolerance_for("float32", o, "keras") is TOLERANCES["float32"]


def test_irreducible_divergence_reports_the_case_as_divergence(monkeypatch):
    from conformance import divergences as divs
    d = divs.Divergence(component="relu", framework="torch", what="pretend no mapping exists",
                        framework_value="x", reference_value="y", mapping="none", irreducible=True,
                        cases=("default",))
    monkeypatch.setattr(harness.divs, "for_component", lambda c, f: [d])
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
