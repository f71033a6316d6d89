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


# --- random and stateful layers inside a model ---------------------------------------------------------------

NOISY = [("dense", {"in_features": 2, "units": 4}), ("batch_norm", {"features": 4}), ("tanh", {}),
         ("dropout", {"p": 0.5}), ("dense", {"in_features": 4, "units": 1}), ("sigmoid", {})]


def test_state_and_noise_are_explicit():
    """A model with a stateful layer is stateful (forward takes and returns the state); a random one takes
    {layer index: noise} and records the noise it used."""
    model, rng = _model(NOISY), np.random.default_rng(3)
    assert model.stateful and model.random
    state = model.init_state(2)
    assert sorted(state) == ["1.running_mean", "1.running_var"]
    x = rng.standard_normal((6, 2))
    params = model.init_params(rng, 2)
    mask = rng.random((6, 4)) > 0.5
    y, new_state, cache = model.forward(x, params, state, training=True, noise={3: mask})
    assert np.array_equal(model.used_noise(cache)[3], mask)
    assert not np.allclose(new_state["1.running_mean"], state["1.running_mean"])      # updated in training
    y_eval, same, _ = model.forward(x, params, new_state, training=False)
    assert all(np.array_equal(same[k], new_state[k]) for k in same)                  # unchanged in evaluation
    with pytest.raises(ValueError, match="noise\\[0\\] is not allowed: the random layers are at indices \\[3\\]"):
        model.forward(x, params, state, training=True, noise={0: mask})
    with pytest.raises(ValueError, match="layer 3 is random: training=True needs rng"):
        model.forward(x, params, state, training=True)


def test_noisy_model_backward_matches_finite_differences():
    """Training mode with batch normalization's batch statistics and a fixed dropout mask."""
    model, rng = _model(NOISY), np.random.default_rng(4)
    x = rng.standard_normal((6, 2))
    params = model.init_params(rng, 2)
    state = model.init_state(2)
    noise = {3: rng.random((6, 4)) > 0.5}
    dy = rng.standard_normal((6, 1))
    _, _, cache = model.forward(x, params, state, training=True, noise=noise)
    dx, grads = model.backward(dy, cache)
    f = lambda: float(np.sum(model.forward(x, params, state, training=True, noise=noise)[0] * dy))  # noqa: E731
    assert relative_error(dx, numerical_gradient(f, x)) < 1e-7
    for name in params:          # the bias before batch normalization cancels: its gradient is 0 (absolute check)
        np.testing.assert_allclose(grads[name], numerical_gradient(f, params[name]), rtol=1e-6, atol=1e-9,
                                   err_msg=name)
    assert np.max(np.abs(grads["0.b"])) < 1e-12 < np.max(np.abs(grads["0.W"]))


def _case(desc):
    return next(c for c in catalog.all_cases() if c.id == f"sequential[{desc}]")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_draws_read_back_are_the_ones_trained_with(framework):
    """The framework's read-back masks reproduce its run at round-off (the case passes), and flipping one unit of
    one mask changes the reference's run: the masks are exact, not merely plausible."""
    fw = load_or_skip(framework)
    case = _case("dropout")
    model = _model(case.kwargs["layers"])
    data = model_checker.inputs(case, "float64", model)
    spec = {"layers": case.kwargs["layers"], "loss": case.setup["loss"], "optimizer": case.setup["optimizer"], **data}
    got = fw.adapter.train_model(RunContext("float64", seed=case.seed), spec)
    assert len(got["noise"]) == len(got["loss"]) and all(sorted(n) == [2, 5] for n in got["noise"])
    kept = np.mean([n[2].mean() for n in got["noise"]])
    assert 0.55 < kept < 0.85                                      # p = 0.3: 70 % kept (16 × 10 units per update)

    def run(noises):
        opt = reference.get("optimizer", "sgd")(**case.setup["optimizer"][1])
        return training.fit(model, reference.get("loss", "bce")(), opt, data["params"], data["x"], data["y"],
                            data["orders"], data["batch_size"], noises=noises)
    np.testing.assert_allclose(run(got["noise"])["loss"], got["loss"], rtol=1e-12, atol=1e-14)
    flipped = [dict(n) for n in got["noise"]]
    flipped[0][2] = flipped[0][2].copy()
    flipped[0][2][0, 0] = not flipped[0][2][0, 0]
    assert np.max(np.abs(run(flipped)["params"]["0.W"][0] - got["params"]["0.W"][0])) > 1e-6


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_running_statistics_are_compared_per_update(framework):
    load_or_skip(framework)
    records = harness.run_case(_case("deep_narrow_relu_batch_norm"), framework, "float64", with_divergences=False)
    checks = {r.check: r for r in records}
    stats = [c for c in checks if c.startswith("layer_state:")]
    assert len(stats) == 10 and "layer_state:1.running_var" in stats                 # 5 layers × mean, variance
    assert all(r.status == "pass" for r in records), [(r.check, r.note) for r in records if r.status != "pass"]
    assert len(checks["layer_state:1.running_mean"].detail["per_step_max_abs"]) == 8


def test_keras_loops_and_their_boundary():
    fw = load_or_skip("keras")
    model, spec = _spec(batch_size=4, epochs=1)
    want = _reference_run(model, spec)
    for loop in ("gradient_tape", "low_level"):
        got = fw.adapter.train_model(RunContext("float64"), {**spec, "loop": loop})
        np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-12, atol=1e-14, err_msg=loop)
        np.testing.assert_allclose(got["params"]["0.W"], want["params"]["0.W"], rtol=1e-12, atol=1e-14, err_msg=loop)
    with pytest.raises(ValueError, match="loop='trainer' is not allowed: expected one of fit, gradient_tape, low_level"):
        fw.adapter.train_model(RunContext("float64"), {**spec, "loop": "trainer"})
    with pytest.raises(ValueError, match="optimizer=.*momentum.*is not allowed with loop='low_level'"):
        fw.adapter.train_model(RunContext("float64"), {**spec, "loop": "low_level",
                                                       "optimizer": ("sgd", {"learning_rate": 0.3, "momentum": 0.9})})


def test_torch_has_one_loop():
    fw = load_or_skip("torch")
    model, spec = _spec(batch_size=4, epochs=1)
    with pytest.raises(ValueError, match="loop='fit' is not allowed: expected one of dataloader"):
        fw.adapter.train_model(RunContext("float64"), {**spec, "loop": "fit"})


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_layer_whose_draw_is_recovered_from_its_output_is_refused(framework):
    fw = load_or_skip(framework)
    with pytest.raises(ValueError, match="layers\\[1\\]='rrelu' is not allowed in a model"):
        fw.registry.get("model", "sequential").build(layers=[("dense", {"in_features": 2, "units": 2}),
                                                             ("rrelu", {})])


def test_the_saturated_case_saturates():
    case = _case("saturated_logits")
    model = _model(case.kwargs["layers"])
    data = model_checker.inputs(case, "float64", model)
    logits = model.forward(data["x"], data["params"])[0]
    assert np.mean(np.abs(logits) >= 30) >= 0.5


def test_evaluation_weights_batches_by_size():
    """The reference's evaluate: the loss of batches of 5, 5 and 2 samples weighted by size is the full-data
    loss; each metric likewise (reference/metrics/base.py)."""
    model, spec = _spec(batch_size=5)
    bce, acc = reference.get("loss", "bce")(), reference.get("metric", "binary_accuracy")()
    out = training.evaluate(model, bce, {"binary_accuracy": acc}, spec["params"], {}, spec["x"], spec["y"], 5)
    y_hat = model.forward(spec["x"], spec["params"])[0]
    np.testing.assert_allclose(out["loss"], bce(y_hat, spec["y"]), rtol=1e-14)
    np.testing.assert_allclose(out["binary_accuracy"], acc.value(y_hat, spec["y"]), rtol=1e-14)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_evaluate_records(framework):
    load_or_skip(framework)
    records = harness.run_case(_case("planar"), framework, "float64", with_divergences=False)
    checks = {r.check: r for r in records}
    assert {"evaluate:loss", "evaluate:binary_accuracy"} <= set(checks)
    assert all(checks[c].status == "pass" for c in ("evaluate:loss", "evaluate:binary_accuracy"))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_schedule_steps_per_epoch_or_per_update(framework):
    """Per epoch, the learning rate is constant over an epoch's 4 batches and decays between epochs; the
    same schedule stepped per update gives another run (the checker's lr and param checks see it)."""
    fw = load_or_skip(framework)
    case = _case("schedule_per_epoch")
    records = harness.run_case(case, framework, "float64", with_divergences=False)
    assert {r.check: r.status for r in records}["lr"] == "pass"
    model = _model(case.kwargs["layers"])
    data = model_checker.inputs(case, "float64", model)
    spec = {"layers": case.kwargs["layers"], "loss": case.setup["loss"], "optimizer": case.setup["optimizer"],
            "schedule": case.setup["schedule"], **data}
    per_epoch = fw.adapter.train_model(RunContext("float64", seed=case.seed), {**spec, "schedule_per": "epoch"})["lr"]
    per_update = fw.adapter.train_model(RunContext("float64", seed=case.seed), spec)["lr"]
    np.testing.assert_allclose(per_epoch, np.repeat(0.5 * 0.7 ** np.arange(5), 4), rtol=1e-12)
    assert per_update[1] < per_update[0] and not np.allclose(per_update, per_epoch)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_early_stopping_stops_and_restores_as_the_reference(framework):
    """The validation loss falls for 3 epochs and rises for 2: both frameworks stop after epoch 5 and leave the
    weights of epoch 3 (update 6 of 10), and a framework told another patience is caught by epochs_run."""
    fw = load_or_skip(framework)
    case = _case("early_stopping")
    records = {r.check: r for r in harness.run_case(case, framework, "float64", with_divergences=False)}
    assert records["epochs_run"].status == "pass" and records["epochs_run"].detail["epochs_run"] == 5
    assert all(r.status == "pass" for r in records.values()), [(c, r.note) for c, r in records.items() if r.status != "pass"]
    model = _model(case.kwargs["layers"])
    data = model_checker.inputs(case, "float64", model)
    spec = {"layers": case.kwargs["layers"], "loss": case.setup["loss"], "optimizer": case.setup["optimizer"], **data,
            "early_stopping": dict(case.setup["early_stopping"])}
    got = fw.adapter.train_model(RunContext("float64", seed=case.seed), spec)
    assert len(got["loss"]) == 10 and len(got["val_loss"]) == 5
    np.testing.assert_allclose(got["final_params"]["0.W"], got["params"]["0.W"][5], rtol=1e-14)   # epoch 3's
    assert np.max(np.abs(got["final_params"]["0.W"] - got["params"]["0.W"][-1])) > 1e-3
    patient = fw.adapter.train_model(RunContext("float64", seed=case.seed),
                                     {**spec, "early_stopping": {**spec["early_stopping"], "patience": 3}})
    assert len(patient["val_loss"]) == 6


def test_early_stopping_needs_validation():
    model, spec = _spec(batch_size=4, epochs=1)
    opt = reference.get("optimizer", "sgd")(learning_rate=0.3)
    with pytest.raises(ValueError, match="early_stopping needs validation"):
        training.fit(model, reference.get("loss", "bce")(), opt, spec["params"], spec["x"], spec["y"], spec["orders"],
                     4, early_stopping=reference.get("regularizer", "early_stopping")(patience=1))


def test_saturated_sigmoid_outputs_as_users_write_them():
    """A sigmoid layer's output fed to binary cross-entropy on probabilities, at |logit| = 40 (float32), as each
    framework's user writes it. Keras computes the loss from the logits the sigmoid attaches to its output
    (``_keras_logits``): exact, 40 for a confidently wrong sample. torch's BCELoss sees the rounded p = 1 and
    clamps the log at −100: 100. The reference on that p: inf (eps = 0) or 15.9 (eps = 1e-7, Keras's clip on a
    tensor without logits). README "Known divergences"; the harness's loss builders reshape and set ε, so this
    user-level fusion is measured here."""
    z = np.array([[40.0], [-40.0], [40.0]], dtype=np.float32)
    y = np.array([[1.0], [0.0], [0.0]], dtype=np.float32)
    p = 1 / (1 + np.exp(-z.astype(np.float64)))
    ref = {eps: reference.get("loss", "bce")(reduction="none", eps=eps)(p.astype(np.float32), y).ravel()
           for eps in (0.0, 1e-7)}
    assert ref[0.0][2] == np.inf and abs(ref[1e-7][2] - 15.942385) < 1e-4
    if load_or_skip("keras"):
        import keras
        import tensorflow as tf
        out = keras.layers.Activation("sigmoid")(tf.constant(z))
        keras_loss = np.asarray(keras.losses.BinaryCrossentropy(reduction=None)(y, out)).ravel()
        np.testing.assert_allclose(keras_loss, [4.248354e-18, 4.248354e-18, 40.0], rtol=1e-6)      # from logits
        plain = np.asarray(keras.losses.BinaryCrossentropy(reduction=None)(y, tf.constant(np.asarray(out)))).ravel()
        assert 15 < plain[2] < 17          # clipped at 1 − 1e-7 (the value depends on floatx: 15.9 / 16.1)


def test_saturated_sigmoid_outputs_in_torch():
    load_or_skip("torch")
    import torch
    z = torch.tensor([[40.0], [-40.0], [40.0]])
    y = torch.tensor([[1.0], [0.0], [0.0]])
    loss = torch.nn.BCELoss(reduction="none")(torch.nn.Sigmoid()(z), y).ravel()
    np.testing.assert_allclose(loss.numpy(), [0.0, 4.248354e-18, 100.0], rtol=1e-6)   # logs clamped at −100


CNN = [("conv2d", {"in_channels": 1, "filters": 2, "kernel_size": 3}), ("relu", {}), ("max_pool2d", {"pool_size": 2}),
       ("flatten", {}), ("dense", {"in_features": 8, "units": 3})]


def test_a_cnn_and_an_lstm_model_backward_matches_finite_differences():
    rng = np.random.default_rng(7)
    for layers, shape in ((CNN, (6, 6, 1)), ([("lstm", {"in_features": 2, "units": 3}), ("dense", {"in_features": 3,
                                                                                                  "units": 1})], (4, 2))):
        model = reference.get("model", "sequential")(layers=layers, input_shape=shape)
        x = rng.standard_normal((3, *shape))
        params = model.init_params(rng, shape[-1])
        y, cache = model.forward(x, params)
        dy = rng.standard_normal(y.shape)
        dx, grads = model.backward(dy, cache)
        f = lambda: float(np.sum(model.forward(x, params)[0] * dy))  # noqa: E731
        assert relative_error(dx, numerical_gradient(f, x)) < 1e-6
        for name in params:
            assert relative_error(grads[name], numerical_gradient(f, params[name])) < 1e-6, name


def test_shapes_follow_the_input_shape():
    model = reference.get("model", "sequential")(layers=CNN, input_shape=(6, 6, 1))
    assert model.shapes(1) == [(6, 6, 1), (4, 4, 2), (4, 4, 2), (2, 2, 2), (8,), (3,)]
    with pytest.raises(ValueError, match="input_shape=.*is not allowed"):
        reference.get("model", "sequential")(layers=CNN, input_shape=(6, 0, 1))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_framework_probe_of_a_cnn_is_the_references(framework):
    """torch runs the CNN on (N, C, H, W): its probe's values come back in the reference's layout, and its
    flatten (3×3×4 features) is channels-first: the reference model mapped by the flatten record agrees."""
    fw = load_or_skip(framework)
    case = _case("lenet")
    mapped = model_checker.map_layers("sequential", case.kwargs, lambda n, kw: model_checker._mapped(
        model_checker.family_of(n), n, kw, framework))
    assert [kw.get("order") for n, kw in mapped["layers"] if n == "flatten"] == \
        (["channels_first"] if framework == "torch" else [None])
    model = reference.get("model", "sequential")(**mapped)
    data = model_checker.inputs(case, "float64", model)
    x, y = data["x"][:8], data["y"][:8]
    loss = reference.get("loss", "softmax_crossentropy")()
    want = training.probe(model, loss, data["params"], x, y)
    got = fw.adapter.probe_model(RunContext("float64"), {"model": ("sequential", case.kwargs),
                                                          "loss": ("softmax_crossentropy", {}),
                                                          "params": data["params"], "x": x, "y": y})
    for key in ("outputs", "grad_outputs"):
        for k, w in want[key].items():
            np.testing.assert_allclose(got[key][k], w, rtol=1e-11, atol=1e-14, err_msg=f"{key}[{k}]")


def test_explicit_initial_weights_are_validated_and_used():
    case = _case("default")
    model = _model(case.kwargs["layers"])
    drawn = model_checker.inputs(case, "float64", model)["params"]
    import dataclasses
    given = {k: np.full(v.shape, 0.5) for k, v in drawn.items()}
    explicit = dataclasses.replace(case, setup={**case.setup, "params": given})
    got = model_checker.inputs(explicit, "float32", model)["params"]
    assert all(v.dtype == np.float32 and np.all(v == 0.5) for v in got.values())
    with pytest.raises(ValueError, match="params\\['0.W'\\] has shape \\(3, 2\\): expected \\(2, 2\\)"):
        model_checker.inputs(dataclasses.replace(case, setup={**case.setup, "params": {**given, "0.W": np.zeros((3, 2))}}),
                             "float64", model)
    with pytest.raises(ValueError, match="params=.*is not allowed: expected exactly the model's parameters"):
        model_checker.inputs(dataclasses.replace(case, setup={**case.setup, "params": {"0.W": given["0.W"]}}),
                             "float64", model)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_gru_bias_stored_as_rows_is_refused_in_keras_models(framework):
    """Keras's GRU (reset_after=True) keeps two biases as rows of one variable; the model runners record whole
    variables, so a Keras model refuses it by name (torch's GRU has separate biases and is accepted)."""
    fw = load_or_skip(framework)
    layers = [("gru", {"in_features": 2, "units": 3}), ("dense", {"in_features": 3, "units": 1})]
    build = lambda: fw.registry.get("model", "sequential").build(layers=layers, input_shape=(4, 2))  # noqa: E731
    if framework == "keras":
        with pytest.raises(ValueError, match="layers\\[0\\]='gru' is not allowed in a model: it stores several "
                                             "parameters as rows of one variable"):
            build()
    else:
        assert "0.recurrent_b" in build().params
