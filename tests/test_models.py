"""Whole models (family "model"): the reference Sequential's backward against finite differences, each
framework's training loop against the reference's at batch sizes 1 / k / N, the epoch order really
shared, and the boundary of the model's data."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from conformance.adapter import RunContext
from conformance.checkers import model as model_checker
from reference.gradcheck import numerical_gradient, relative_error
from reference.models import datasets, training
from reference.models.sequential import family_of

LAYERS = [("dense", {"in_features": 2, "units": 3}), ("tanh", {}), ("dense", {"in_features": 3, "units": 2}),
          ("relu", {}), ("dense", {"in_features": 2, "units": 1}), ("sigmoid", {})]
FRAMEWORKS = ("torch", "keras")


def _model(layers=LAYERS):
    return reference.get("model", "sequential")(layers=layers)


def test_parameters_are_named_by_position():
    params = _model().init_params(np.random.default_rng(0), 2)
    assert sorted(params) == ["0.W", "0.b", "2.W", "2.b", "4.W", "4.b"]
    assert params["2.W"].shape == (3, 2) and params["4.b"].shape == (1,)


def test_backward_matches_finite_differences():
    model, rng = _model(), np.random.default_rng(1)
    x = rng.standard_normal((5, 2))
    params = model.init_params(rng, 2)
    dy = rng.standard_normal((5, 1))
    y, cache = model.forward(x, params)
    dx, grads = model.backward(dy, cache)
    f = lambda: float(np.sum(model.forward(x, params)[0] * dy))  # noqa: E731
    assert relative_error(dx, numerical_gradient(f, x)) < 1e-7
    for name in params:
        assert relative_error(grads[name], numerical_gradient(f, params[name])) < 1e-7, name


def test_loss_gradient_through_the_model_matches_finite_differences():
    """The loop's gradient: loss.backward(1) fed to the model's backward (BCE of a sigmoid output)."""
    model, rng = _model(), np.random.default_rng(2)
    x, y = datasets.draw("blobs", rng, np.float64, n=6)
    params = model.init_params(rng, 2)
    bce = reference.get("loss", "bce")()
    out, cache = model.forward(x, params)
    value, lcache = bce.forward(out, y)
    _, grads = model.backward(bce.backward(np.ones_like(value), lcache), cache)
    f = lambda: float(bce.forward(model.forward(x, params)[0], y)[0])  # noqa: E731
    for name in params:
        assert relative_error(grads[name], numerical_gradient(f, params[name])) < 1e-7, name


def test_layer_names_are_validated():
    with pytest.raises(KeyError, match="unknown layer 'dens'.*valid names:.*dense"):
        family_of("dens")
    with pytest.raises(ValueError, match="layers=\\[\\] is not allowed"):
        _model([])
    with pytest.raises(ValueError, match="layers\\[0\\].*random and stateful"):
        _model([("dropout", {"p": 0.5})])


def test_epoch_orders_and_batches():
    orders = training.epoch_orders(np.random.default_rng(0), 10, 3, shuffle=True)
    assert all(sorted(o) == list(range(10)) for o in orders)
    assert not all(np.array_equal(orders[0], o) for o in orders[1:])
    assert [len(b) for b in training.batches(np.arange(10), 4)] == [4, 4, 2]
    assert all(np.array_equal(o, np.arange(5)) for o in training.epoch_orders(None, 5, 2, shuffle=False))


def _spec(batch_size, shuffle=True, epochs=3, n=12):
    """A 2-3-1 tanh/sigmoid network on blobs, SGD with momentum (state compared too)."""
    layers = [("dense", {"in_features": 2, "units": 3}), ("tanh", {}), ("dense", {"in_features": 3, "units": 1}),
              ("sigmoid", {})]
    model, rng = _model(layers), np.random.default_rng(5)
    x, y = datasets.draw("blobs", rng, np.float64, n=n)
    params = model.init_params(rng, 2)
    orders = training.epoch_orders(rng, n, epochs, shuffle)
    return model, {"layers": layers, "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.3}),
                   "x": x, "y": y, "params": params, "orders": orders, "batch_size": batch_size}


def _reference_run(model, spec):
    opt = reference.get("optimizer", "sgd")(learning_rate=0.3)
    return training.fit(model, reference.get("loss", "bce")(), opt, spec["params"], spec["x"], spec["y"],
                        spec["orders"], spec["batch_size"])


@pytest.mark.parametrize("batch_size", [1, 5, 12], ids=["online", "minibatch", "fullbatch"])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_framework_loop_matches_the_reference(framework, batch_size):
    fw = load_or_skip(framework)
    model, spec = _spec(batch_size)
    want = _reference_run(model, spec)
    got = fw.adapter.train_model(RunContext("float64"), spec)
    steps = 3 * -(-12 // batch_size)                       # 3 epochs of ⌈12 / B⌉ updates (the last batch smaller)
    assert len(want["loss"]) == len(got["loss"]) == steps
    np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-12, atol=1e-14)
    for name, w in want["params"].items():
        np.testing.assert_allclose(got["params"][name], w, rtol=1e-12, atol=1e-14, err_msg=name)
    final = {k: v[-1] for k, v in want["params"].items()}
    np.testing.assert_allclose(got["predictions"], model.forward(spec["x"], final)[0], rtol=1e-12, atol=1e-14)
    assert want["loss"][-1] < want["loss"][0]               # it learns


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_epoch_order_is_the_one_given(framework):
    """Online training shows each sample's own loss per update: the framework's per-step losses are the
    reference's in the given order, and another order (each epoch reversed) gives other losses."""
    fw = load_or_skip(framework)
    model, spec = _spec(batch_size=1, epochs=2)
    want = _reference_run(model, spec)
    got = fw.adapter.train_model(RunContext("float64"), spec)
    np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-12, atol=1e-14)
    reversed_ = fw.adapter.train_model(RunContext("float64"), {**spec, "orders": [o[::-1] for o in spec["orders"]]})
    assert np.max(np.abs(reversed_["loss"] - want["loss"])) > 1e-3


def test_cases_draw_data_weights_and_orders_from_one_seed():
    case = next(c for c in catalog.all_cases() if c.id == "sequential[logistic_minibatch]")
    model = _model(case.kwargs["layers"])
    a, b = model_checker.inputs(case, "float64", model), model_checker.inputs(case, "float64", model)
    assert all(np.array_equal(o, p) for o, p in zip(a["orders"], b["orders"]))
    assert len(a["orders"]) == 10 and a["batch_size"] == 8
    assert not all(np.array_equal(a["orders"][0], o) for o in a["orders"][1:])   # shuffled every epoch


def test_too_many_updates_are_rejected():
    case = next(c for c in catalog.all_cases() if c.id == "sequential[logistic_online]")
    import dataclasses
    long = dataclasses.replace(case, setup={**case.setup, "epochs": 6})           # 60 updates
    with pytest.raises(ValueError, match="60 updates is not allowed: at most 50"):
        model_checker.inputs(long, "float64", _model(case.kwargs["layers"]))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_records_of_the_xor_case(framework):
    load_or_skip(framework)
    case = next(c for c in catalog.all_cases() if c.id == "sequential[default]")
    records = harness.run_case(case, framework, "float64")
    checks = {r.check: r for r in records}
    assert {"loss", "param:0.W", "param:0.b", "param:2.W", "param:2.b", "eval_forward", "formulation"} <= set(checks)
    assert all(r.status == "pass" for r in records), [(r.check, r.note) for r in records if r.status != "pass"]
    assert len(checks["loss"].detail["per_step_max_abs"]) == 50


def test_keras_fit_logs_are_the_epochs_running_mean():
    """The divergence record's explanation: fit's logs["loss"] is the mean of the epoch's batch losses so
    far, weighted by batch size (the batches here are 5, 5, 2)."""
    fw = load_or_skip("keras")
    model, spec = _spec(batch_size=5)
    want = _reference_run(model, spec)["loss"].reshape(3, 3)                     # (epochs, batches)
    sizes = np.array([5, 5, 2])
    running = np.cumsum(want * sizes, axis=1) / np.cumsum(sizes)
    got = fw.adapter.train_model(RunContext("float64"), {**spec, "loss_from": "fit_logs"})["loss"]
    np.testing.assert_allclose(got, running.ravel(), rtol=1e-12, atol=1e-14)
    assert np.max(np.abs(got - want.ravel())) > 1e-2


def test_a_case_without_its_training_setup_is_rejected():
    import dataclasses
    case = next(c for c in catalog.all_cases() if c.id == "sequential[default]")
    bare = dataclasses.replace(case, setup={"epochs": 2})
    with pytest.raises(ValueError, match="setup lacks data, loss, optimizer"):
        model_checker.inputs(bare, "float64", _model(case.kwargs["layers"]))
