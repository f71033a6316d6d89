"""The trajectory machinery: problems' gradients, the reference loop's record, the checker's
mappings and verdicts (fixed formulations, scaled atol, params displacement, dtypes), the per-update
detail in records and the report section, and Keras facts the runners rely on (eager = compiled; the
np.float64 failures they work around)."""
import dataclasses

import numpy as np
import pytest

import reference
from conformance import catalog, frameworks, harness, report
from conformance import divergences as divs
from conformance.checkers import trajectory as T
from conformance.compare import compare
from conformance.divergences.optimizers import FIXED
from conformance.tolerances import TOLERANCES
from reference.gradcheck import numerical_gradient, relative_error
from reference.optimizers import problems
from reference.optimizers import trajectory as ref_trajectory
from conformance.adapter import RunContext


def _case(case_id):
    return next(c for c in catalog.all_cases() if c.id == case_id)


@pytest.mark.parametrize("name,shapes", [("bowl", {"w": (4, 3), "b": (3,)}), ("rosenbrock", {"x": (4,), "y": (4,)}),
                                         ("mlp", {"W1": (4, 8), "b1": (8,), "W2": (8, 2), "b2": (2,)})])
def test_problem_gradients_match_finite_differences(name, shapes):
    rng = np.random.default_rng(3)
    params = {k: rng.standard_normal(s) for k, s in shapes.items()}
    problem = problems.get(name)
    data = problem.data(rng, params, "float64")
    _, grads = problem.loss_and_grad(params, data, 0.5)
    for k, p in params.items():
        numeric = numerical_gradient(lambda: problem.loss_and_grad(params, data, 0.5)[0], p)
        assert relative_error(grads[k], numeric) < 1e-7, k


def test_unknown_problem_lists_valid_names():
    with pytest.raises(KeyError, match="valid names: bowl, mlp, rosenbrock"):
        problems.get("himmelblau")


def test_reference_record_is_per_update():
    opt = reference.get("optimizer", "nadam")()
    params = {"w": np.ones((2, 3)), "b": np.zeros(3)}
    grads = [{"w": np.full((2, 3), 0.1 * t), "b": np.full(3, -0.2)} for t in range(1, 6)]
    rec = ref_trajectory.run(opt, params, 5, grads=grads)
    assert rec["params"]["w"].shape == (5, 2, 3) and rec["state"]["m"]["b"].shape == (5, 3)
    assert rec["state"]["mu_product"].shape == (5,) and list(rec["step"]) == [1, 2, 3, 4, 5]
    assert T.flat(rec["params"]).shape == (5, 9)
    with pytest.raises(ValueError, match="exactly one of grads"):
        ref_trajectory.run(opt, params, 5)


def test_auxiliary_components_are_mapped_by_their_own_divergences():
    case = _case("exponential_decay[default]")
    comps = T.components(case, "keras", case.kwargs, case.kwargs)
    assert comps["optimizer"][2]["momentum_form"] is FIXED            # Keras's SGD formulation, from its builder
    assert "momentum_form" not in comps["optimizer"][1]              # the framework gets the case's kwargs
    resolved = T.resolve_fixed(comps, {"optimizer": {"momentum_form": "step"}})
    assert resolved["optimizer"][2] == {"momentum": 0.9, "momentum_form": "step"}
    assert T.components(case, "torch", case.kwargs, case.kwargs)["optimizer"][2] == {"momentum": 0.9}


def test_a_mark_the_build_does_not_fix_leaves_the_reference_default():
    comps = {"optimizer": ("adam", {"epsilon": 0.0}, {"epsilon": 0.0, "epsilon_placement": FIXED}),
             "schedule": None, "clipping": None}
    assert T.resolve_fixed(comps, {"optimizer": {}})["optimizer"][2] == {"epsilon": 0.0}


def test_formulation_records_name_the_option_only():
    """The value lives in the builder's ``fixed``: a formulation record's map only marks the option."""
    for d in divs.all_divergences():
        if d.reference_map is None or d.native or d.variant:
            continue
        marked = d.reference_map({})
        if any(v is FIXED for v in marked.values()):
            (option, value), = marked.items()
            assert value is FIXED and option in d.mapping, d


def test_formulation_check_names_the_mismatch():
    opt = reference.get("optimizer", "adam")()
    bad = T.formulation_check({"optimizer": {"epsilon_placement": "before_correction"}}, {"optimizer": opt})
    assert bad.status == "fail" and "framework 'before_correction', reference 'after_correction'" in bad.note
    good = T.formulation_check({"optimizer": {"epsilon_placement": "after_correction"}}, {"optimizer": opt})
    assert good.status == "pass"


def test_records_carry_per_update_curves_and_the_report_reads_them():
    if frameworks.implementation_status("torch", "optimizer", "adam") == "unavailable":
        pytest.skip("torch is not installed")
    records = harness.run_case(_case("adam[default]"), "torch", "float64", with_divergences=False)
    params = next(r for r in records if r.check == "params")
    d = params.detail
    assert len(d["per_step_max_abs"]) == 100 and len(d["per_step_tolerance_ratio"]) == 100
    assert d["first_step_over_tolerance"] is None and d["mode"] == "open"
    assert {r.check for r in records} >= {"formulation", "params", "state:m", "state:v", "state:step"}
    text = report.trajectory_section(records)
    assert "Trajectories (100 updates" in text and "0 with an update over tolerance" in text


def test_a_native_run_reports_where_the_divergence_starts():
    if frameworks.implementation_status("keras", "optimizer", "adam") == "unavailable":
        pytest.skip("keras is not installed")
    records = harness.run_case(_case("adam[tiny]"), "keras", "float64")
    native = [r for r in records if r.status == "divergence" and r.check == "params"]
    assert native and native[0].detail["first_step_over_tolerance"] == 1
    assert native[0].max_abs_err > 1e-4                              # ε̂ vs ε with g ~ 1e-6


def test_keras_eager_equals_compiled():
    if frameworks.implementation_status("keras", "optimizer", "rmsprop") == "unavailable":
        pytest.skip("keras is not installed")
    from tf_impl import optim_runner
    case = _case("rmsprop[centered]")
    params, grads, _ = T._inputs(case, "float64", {**T.DEFAULTS, "steps": 20})
    spec = {"optimizer": ("rmsprop", case.kwargs), "steps": 20, "params": params, "grads": grads}
    a, b = optim_runner.run(RunContext("float64"), spec), optim_runner.run(RunContext("float64"), {**spec, "compiled": False})
    assert np.abs(T.flat(a["params"]) - T.flat(b["params"])).max() <= 1e-15


def test_keras_np_float64_pitfalls_the_builders_avoid():
    """Keras Nadam multiplies its float32 u_product by the raw beta_1 (nadam.py:99): an np.float64
    fails in float32. Keras Adadelta computes rho * variable: an np.float64 rho fails in tf.function."""
    if frameworks.implementation_status("keras", "optimizer", "nadam") == "unavailable":
        pytest.skip("keras is not installed")
    import keras
    import tensorflow as tf
    from tf_impl.runner import set_dtype
    set_dtype("float32")
    v = keras.Variable(np.ones(3, dtype="float32"))
    with pytest.raises(tf.errors.InvalidArgumentError):
        keras.optimizers.Nadam(beta_1=np.float64(0.9)).apply_gradients([(tf.ones(3), v)])
    set_dtype("float64")
    v = keras.Variable(np.ones(3))
    opt = keras.optimizers.Adadelta(rho=np.float64(0.95))
    opt.build([v])
    with pytest.raises(NotImplementedError):
        tf.function(lambda g: opt.apply_gradients([(g, v)]))(tf.ones(3, tf.float64))


@pytest.mark.parametrize("magnitude,dtype,scale", [(5.0, "float64", 1.0), (1.0, "float32", 1.0),
                                                   (1e-13, "float64", 1e-13), (3e-7, "float32", 3e-7)])
def test_atol_scales_with_the_size_of_the_quantity(magnitude, dtype, scale):
    assert T.atol_scale(magnitude, dtype) == pytest.approx(scale, rel=1e-15)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_an_identically_zero_quantity_asks_for_zeros(dtype):
    scale = T.atol_scale(0.0, dtype)
    assert 0 < scale <= 1 and TOLERANCES[dtype].atol * scale == pytest.approx(np.finfo(dtype).tiny, rel=1e-12)


def test_tiny_state_is_compared_at_its_own_scale():
    """adam[tiny]: v is ~1e-13; with the table's atol (1e-12) zeros would pass."""
    if frameworks.implementation_status("torch", "optimizer", "adam") == "unavailable":
        pytest.skip("torch is not installed")
    records = {r.check: r for r in harness.run_case(_case("adam[tiny]"), "torch", "float64", with_divergences=False)}
    assert records["state:v"].status == "pass" and 1e-26 < records["state:v"].atol < 1e-24
    assert records["params"].atol == TOLERANCES["float64"].atol       # |p| is of order 1


def test_params_is_the_displacement_in_float64_and_p_in_float32():
    """Steps of 4e-6 made 1e-6 (relative) too long: p_t − p_0 shows it in float64, p_t itself
    cannot (its relative term rtol·|p_t| is ~1e-10, the error 4e-12)."""
    w = np.array([[1.0, 2.0], [1.0 + 4e-6, 2.0 - 4e-6]])                # (T, P): p_0 = (1, 2), one update
    p0 = np.array([[1.0, 2.0]])
    longer = p0 + (1 + 1e-6) * (w - p0)
    tol = TOLERANCES["float64"]
    assert not compare(T._displacement(longer, p0), T._displacement(w, p0), tol).ok
    assert compare(longer, w, tol).ok
    assert T.DISPLACEMENT_DTYPES == ("float64",)


def test_array_state_of_another_dtype_fails():
    """Array state is compared as recorded (no cast): a float64 record in a float32 run fails."""
    want = {"w": np.ones((3, 2), dtype=np.float32)}
    got, ref = T.state_pair({"w": np.ones((3, 2), dtype=np.float64)}, want)
    assert not compare(got, ref, TOLERANCES["float32"]).ok
    scalars = T.state_pair([0.5, 0.25, 0.125], np.array([0.5, 0.25, 0.125]))     # Python floats on both sides
    assert all(a.dtype == np.float64 for a in scalars) and compare(*scalars, TOLERANCES["float32"]).ok


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_mlp_takes_no_loss_scale_in_either_framework(framework):
    if frameworks.implementation_status(framework, "optimizer", "sgd") == "unavailable":
        pytest.skip(f"{framework} is not installed")
    case = _case("sgd[mlp]")
    scaled = dataclasses.replace(case, setup={**case.setup, "grad_scale": 1e-6})
    records = harness.run_case(scaled, framework, "float64", with_divergences=False)
    assert [r.status for r in records] == ["error"]
    assert "setup grad_scale=1e-06 is not allowed for the mlp problem" in records[0].note


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_runners_name_their_problems(framework):
    if frameworks.implementation_status(framework, "optimizer", "sgd") == "unavailable":
        pytest.skip(f"{framework} is not installed")
    adapter = frameworks.load(framework).adapter
    spec = {"optimizer": ("sgd", {}), "steps": 1, "params": {"w": np.ones(2)}, "grads": None,
            "problem": {"name": "himmelblau", "data": {}, "scale": 1.0}}
    with pytest.raises(KeyError, match="unknown problem 'himmelblau'; valid names: bowl, mlp, rosenbrock"):
        adapter.run_trajectory(RunContext("float64"), spec)
