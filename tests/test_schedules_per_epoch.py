"""Schedules counted in epochs (case ``setup["steps_per_epoch"] = k``): the reference's ``PerEpoch``,
the checker's validation of k, and each runner's stepping (torch steps its scheduler after every
k-th update; Keras expresses the schedule in updates), seen in the recorded learning rate; the
per-epoch divergences' native run (``step_every_update``, a runner setting the checker pops)."""
import dataclasses

import numpy as np
import pytest

import reference
from conformance import catalog, frameworks, harness
from conformance.checkers import trajectory as T
from reference.schedules.base import PerEpoch
from conformance.adapter import RunContext

K, STEPS = 10, 35                    # 35 updates: three whole epochs and a partial one
BAD_K = [0, -3, 2.5, True, "10"]


def _case(case_id):
    return next(c for c in catalog.all_cases() if c.id == case_id)


def _epochs(lr, k):
    """lr per update -> list of per-epoch runs of it (the last one may be partial)."""
    return [list(lr[i:i + k]) for i in range(0, len(lr), k)]


def test_per_epoch_evaluates_the_schedule_at_the_epoch_count():
    inner = reference.get("schedule", "step_decay")(initial_learning_rate=1.0, step_size=2, gamma=0.5)
    s = PerEpoch(inner, 3)
    assert s.values(13) == [1.0] * 6 + [0.5] * 6 + [0.25]
    assert all(s(c) == inner(c // 3) for c in range(50))
    assert PerEpoch(inner, 1).values(20) == inner.values(20)


@pytest.mark.parametrize("k", BAD_K)
def test_per_epoch_rejects_a_k_that_is_not_a_positive_integer(k):
    inner = reference.get("schedule", "constant_lr")()
    with pytest.raises(ValueError, match=rf"steps_per_epoch={k!r} is not allowed: expected an integer >= 1"):
        PerEpoch(inner, k)


def test_per_epoch_wraps_only_a_reference_schedule():
    with pytest.raises(ValueError, match="expected a reference schedule"):
        PerEpoch(lambda count: 0.1, 10)


@pytest.mark.parametrize("k", BAD_K)
def test_checker_rejects_a_bad_steps_per_epoch(k):
    case = _case("step_decay[per_epoch]")
    comps = T.components(case, "torch", case.kwargs, case.kwargs)
    with pytest.raises(ValueError, match=rf"setup steps_per_epoch={k!r} is not allowed: expected an integer >= 1"):
        T.steps_per_epoch({"steps_per_epoch": k}, comps)
    assert T.steps_per_epoch({"steps_per_epoch": None}, comps) is None
    assert T.steps_per_epoch({"steps_per_epoch": 4}, comps) == 4


def test_steps_per_epoch_needs_a_schedule_and_the_harness_says_so():
    if frameworks.implementation_status("torch", "optimizer", "sgd") == "unavailable":
        pytest.skip("torch is not installed")
    case = dataclasses.replace(_case("sgd[default]"), setup={**_case("sgd[default]").setup, "steps_per_epoch": 10})
    records = harness.run_case(case, "torch", "float64", with_divergences=False)
    assert [r.status for r in records] == ["error"]
    assert "setup steps_per_epoch=10 is not allowed without a schedule" in records[0].note
    bad = dataclasses.replace(_case("step_decay[per_epoch]"), setup={**_case("step_decay[per_epoch]").setup,
                                                                     "steps_per_epoch": 0})
    records = harness.run_case(bad, "torch", "float64", with_divergences=False)
    assert [r.status for r in records] == ["error"] and "steps_per_epoch=0 is not allowed" in records[0].note


def _spec(case_id, k=K):
    case = _case(case_id)
    params, grads, _ = T._inputs(case, "float64", {**T.DEFAULTS, "steps": STEPS})
    return {"optimizer": case.setup["optimizer"], "schedule": (case.component, case.kwargs),
            "clipping": None, "steps": STEPS, "params": params, "grads": grads, "problem": None,
            "steps_per_epoch": k}


def _want(case_id, framework):
    """PerEpoch of the reference schedule configured as the framework's builder fixes it."""
    import importlib
    case = _case(case_id)
    registry = importlib.import_module(f"{frameworks.load(framework).package}.registry").REGISTRY
    fixed = registry.get("schedule", case.component).build(**case.kwargs).module.fixed
    return PerEpoch(reference.get("schedule", case.component)(**case.kwargs, **fixed), K).values(STEPS)


@pytest.mark.parametrize("case_id", ["step_decay[per_epoch]", "exponential_decay[per_epoch]",
                                     "cosine_decay[per_epoch]"])
def test_torch_steps_the_scheduler_once_per_epoch(case_id):
    if frameworks.implementation_status("torch", "schedule", "step_decay") == "unavailable":
        pytest.skip("torch is not installed")
    from torch_impl import optim_runner
    lr = optim_runner.run(RunContext("float64"), _spec(case_id))["lr"]
    epochs = _epochs(lr, K)
    assert all(len(set(e)) == 1 for e in epochs), "the lr changed inside an epoch"
    np.testing.assert_allclose(lr, _want(case_id, "torch"), rtol=1e-14, atol=0)   # and it moves on at the boundaries
    mistake = optim_runner.run(RunContext("float64"), _spec(case_id, k=None))["lr"]       # no epoch length: stepped in the batch loop
    assert len(set(mistake[:K])) > 1


@pytest.mark.parametrize("case_id", ["step_decay[per_epoch]", "exponential_decay[per_epoch]",
                                     "cosine_decay[per_epoch]"])
def test_keras_schedules_in_updates_hold_each_epoch(case_id):
    if frameworks.implementation_status("keras", "schedule", "step_decay") == "unavailable":
        pytest.skip("keras is not installed")
    from tf_impl import optim_runner
    lr = optim_runner.run(RunContext("float64"), _spec(case_id))["lr"]
    assert all(len(set(e)) == 1 for e in _epochs(lr, K)), "the lr changed inside an epoch"
    np.testing.assert_allclose(lr, _want(case_id, "keras"), rtol=1e-14, atol=0)


def test_keras_builders_express_epochs_in_updates():
    """Where Keras has a staircase, the epoch counts become update counts (step_size·k); where it has
    none (CosineDecay), the schedule is evaluated at iterations // k."""
    if frameworks.implementation_status("keras", "schedule", "step_decay") == "unavailable":
        pytest.skip("keras is not installed")
    import tf_impl
    from tf_impl.schedules.base import EpochCount
    tf_impl.load_all()
    get = tf_impl.REGISTRY.get
    step = get("schedule", "step_decay").build(step_size=3, steps_per_epoch=K).module
    assert step.learning_rate.decay_steps == 3 * K and step.learning_rate.staircase and step.note == ""
    assert get("schedule", "step_decay").build(step_size=3).module.learning_rate.decay_steps == 3     # counts = updates
    expo = get("schedule", "exponential_decay").build(steps_per_epoch=K).module.learning_rate
    assert expo.decay_steps == K and expo.staircase
    cosine = get("schedule", "cosine_decay").build(steps_per_epoch=K).module
    assert isinstance(cosine.learning_rate, EpochCount) and cosine.learning_rate.steps_per_epoch == K
    assert f"iterations // {K}" in cosine.note                       # the composed form, said in the record
    assert get("schedule", "cosine_decay").build().module.note == ""


def test_the_composed_keras_form_is_in_the_record_notes():
    if frameworks.implementation_status("keras", "schedule", "cosine_decay") == "unavailable":
        pytest.skip("keras is not installed")
    records = harness.run_case(_case("cosine_decay[per_epoch]"), "keras", "float64", with_divergences=False)
    lr = next(r for r in records if r.check == "lr")
    assert lr.status == "pass" and "composed per epoch: evaluated at iterations // 10" in lr.note
    records = harness.run_case(_case("step_decay[per_epoch]"), "keras", "float64", with_divergences=False)
    assert "composed" not in next(r for r in records if r.check == "lr").note      # a staircase: Keras's own form


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_the_per_epoch_native_run_gives_the_framework_no_epoch_length(framework):
    """``step_every_update`` is a native kwarg of the per-epoch divergences, no builder argument: the
    checker pops it and runs the framework per update while the reference still counts epochs."""
    if frameworks.implementation_status(framework, "schedule", "step_decay") == "unavailable":
        pytest.skip(f"{framework} is not installed")
    records = harness.run_case(_case("step_decay[per_epoch]"), framework, "float64")
    native = [r for r in records if r.status == "divergence" and r.check == "lr"]
    assert len(native) == 1 and native[0].detail["framework_steps_per_epoch"] is None
    assert native[0].detail["steps_per_epoch"] == K and native[0].detail["first_step_over_tolerance"] == 4
    mapped = next(r for r in records if r.status != "divergence" and r.check == "lr")
    assert mapped.status == "pass" and "framework_steps_per_epoch" not in mapped.detail
