"""First-divergence localization of whole models (``conformance/localize.py``): a divergence planted in
one layer of a deep network, by replacing that component's framework builder for the test, is named by
its update, layer and quantity; a run that passes has no localization."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import harness, localize, report
from conformance.case import Case
from conformance.checkers import model as model_checker
from reference.models import training
from reference.registry import Built, Impl

# A 5-layer tanh/ReLU network and its sigmoid output.
LAYERS = [("dense", {"in_features": 2, "units": 4}), ("tanh", {}), ("dense", {"in_features": 4, "units": 4}),
          ("relu", {}), ("dense", {"in_features": 4, "units": 1}), ("sigmoid", {})]
CASE = Case("sequential", "model", {}, kwargs={"layers": LAYERS}, desc="localization_deep",
            setup={"data": ("blobs", {"n": 12, "features": 2}), "loss": ("bce", {"reduction": "mean"}),
                   "optimizer": ("sgd", {"learning_rate": 0.5}), "batch_size": 4, "epochs": 3, "shuffle": True})
FRAMEWORKS = ("torch", "keras")
DTYPES = ("float64", "float32")


def _plant(monkeypatch, fw, name: str, module_of):
    """Replace ``fw``'s builder of activation ``name`` by one building ``module_of()``, for this test."""
    monkeypatch.setitem(fw.registry._table("activation"), name, Impl(lambda: Built(module_of()), "native"))


def _scaled_tanh(framework):
    """tanh(1.000001·x): a forward that departs by ~1e-6 relative (float64 tolerance: 1e-10)."""
    if framework == "torch":
        import torch
        return lambda: type("ScaledTanh", (torch.nn.Module,), {"forward": lambda self, x: torch.tanh(x * 1.000001)})()
    import keras
    return lambda: keras.layers.Activation(lambda x: keras.ops.tanh(x * 1.000001))


def _clipped_tanh(framework, c: float):
    """tanh(clip(x, −c, c)): equal to tanh until an input goes beyond ±c."""
    if framework == "torch":
        import torch
        return lambda: type("ClippedTanh", (torch.nn.Module,),
                            {"forward": lambda self, x: torch.tanh(torch.clamp(x, -c, c))})()
    import keras
    return lambda: keras.layers.Activation(lambda x: keras.ops.tanh(keras.ops.clip(x, -c, c)))


def _relu_leaky_backward(framework):
    """ReLU whose forward is exact and whose backward passes 0.01 of the gradient where x < 0."""
    if framework == "torch":
        import torch

        class Fn(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return torch.clamp(x, min=0)

            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                return g * torch.where(x > 0, torch.ones_like(x), torch.full_like(x, 0.01))

        return lambda: type("LeakyBackwardReLU", (torch.nn.Module,), {"forward": lambda self, x: Fn.apply(x)})()
    import keras
    import tensorflow as tf

    @tf.custom_gradient
    def relu(x):
        slope = tf.where(x > 0, tf.ones_like(x), tf.fill(tf.shape(x), tf.cast(0.01, x.dtype)))
        return tf.nn.relu(x), lambda g: g * slope

    return lambda: keras.layers.Activation(relu)


def _located(records):
    found = [r for r in records if r.check == "localization"]
    assert len(found) <= 1
    return found[0] if found else None


def _reference_run(case=CASE, dtype="float64"):
    """The reference's model, data and training record of ``case``."""
    model = reference.get("model", "sequential")(layers=case.kwargs["layers"])
    data = model_checker.inputs(case, dtype, model)
    opt = reference.get("optimizer", "sgd")(**case.setup["optimizer"][1])
    want = training.fit(model, reference.get("loss", "bce")(), opt, data["params"], data["x"], data["y"],
                        data["orders"], data["batch_size"])
    return model, data, want


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_framework_probe_is_the_references(framework):
    """``probe_model``: each layer's output, the gradient w.r.t. it, every parameter's gradient and the loss,
    as the reference's ``training.probe`` computes them (float64, round-off)."""
    fw = load_or_skip(framework)
    model, data, _ = _reference_run()
    batch = localize.batch_of(data, 2)
    x, y = data["x"][batch], data["y"][batch]
    want = training.probe(model, reference.get("loss", "bce")(), data["params"], x, y)
    from conformance.adapter import RunContext
    got = fw.adapter.probe_model(RunContext("float64"), {"layers": LAYERS, "loss": ("bce", {}),
                                                          "params": data["params"], "x": x, "y": y})
    assert len(got["outputs"]) == len(got["grad_outputs"]) == len(LAYERS)
    for key in ("outputs", "grad_outputs"):
        assert list(got[key]) == list(want[key]) == list(range(len(LAYERS)))
        for i, w in want[key].items():
            np.testing.assert_allclose(got[key][i], w, rtol=1e-12, atol=1e-15, err_msg=f"{key}[{i}]")
    for name, w in want["grad_params"].items():
        np.testing.assert_allclose(got["grad_params"][name], w, rtol=1e-12, atol=1e-15, err_msg=name)
    np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-13)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_passing_run_has_no_localization(framework, dtype):
    load_or_skip(framework)
    records = harness.run_case(CASE, framework, dtype)
    assert all(r.status == "pass" for r in records), [(r.check, r.note) for r in records if r.status != "pass"]
    assert _located(records) is None
    assert "Localization" not in report.render(records)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_forward_departure_is_named_by_layer_and_update(framework, monkeypatch):
    fw = load_or_skip(framework)
    _plant(monkeypatch, fw, "tanh", _scaled_tanh(framework))
    records = harness.run_case(CASE, framework, "float64")
    loc = _located(records)
    assert loc is not None and loc.status == "fail", [(r.check, r.note) for r in records]
    d = loc.detail
    assert (d["step"], d["layer"], d["component"], d["quantity"], d["phase"]) == (1, 1, "tanh", "forward", "forward")
    assert 1e-9 < d["max_abs"] < 1e-5 and d["tolerance_ratio"] > 1
    assert "update 1, layer 1 (tanh), forward" in loc.note
    text = report.render(records)
    assert "Localization" in text and "update 1, layer 1 (tanh), forward [output of layer 1]" in text


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_backward_departure_is_named_as_the_layers_input_gradient(framework, dtype, monkeypatch):
    """The forward is exact: every output, the loss, the loss gradient and the layers above agree; the
    ReLU's backward is the first to depart, in the gradient w.r.t. its input (the dense layer's output)."""
    fw = load_or_skip(framework)
    model, data, _ = _reference_run()
    batch = localize.batch_of(data, 1)
    pre_relu = training.probe(model, reference.get("loss", "bce")(), data["params"], data["x"][batch],
                              data["y"][batch])["outputs"][2]
    assert (pre_relu < 0).any()                           # the planted backward differs on this batch
    _plant(monkeypatch, fw, "relu", _relu_leaky_backward(framework))
    records = harness.run_case(CASE, framework, dtype)
    d = _located(records).detail
    assert (d["step"], d["layer"], d["component"], d["quantity"], d["phase"]) == (1, 3, "relu", "grad_input", "backward")
    assert d["what"] == "∂loss/∂(output of layer 2)"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_departure_at_a_later_update_names_that_update(framework, monkeypatch):
    """A tanh clipped at ±c agrees with tanh until some input passes c. From the reference's own run: the
    largest |input of the tanh| per update; c is put halfway between the largest before update k and
    update k's, so the runs agree exactly up to k − 1 and part at update k, in layer 1's forward."""
    fw = load_or_skip(framework)
    model, data, want = _reference_run()
    bce = reference.get("loss", "bce")()
    steps = len(want["loss"])
    peak = []
    for t in range(1, steps + 1):
        batch = localize.batch_of(data, t)
        params = localize.params_before(data, want["params"], t)
        peak.append(float(np.max(np.abs(training.probe(model, bce, params, data["x"][batch],
                                                      data["y"][batch])["outputs"][0]))))
    k = next(t for t in range(2, steps + 1) if peak[t - 1] > max(peak[:t - 1]) * 1.001)
    c = (max(peak[:k - 1]) + peak[k - 1]) / 2
    _plant(monkeypatch, fw, "tanh", _clipped_tanh(framework, c))
    records = harness.run_case(CASE, framework, "float64")
    d = _located(records).detail
    assert (d["step"], d["layer"], d["quantity"]) == (k, 1, "forward") and k > 1
    assert d["batch"] == [int(i) for i in localize.batch_of(data, k)]
    firsts = [r.detail["first_step_over_tolerance"] for r in records if report.is_trajectory(r)]
    assert min(f for f in firsts if f is not None) == k


def test_a_departure_only_in_the_recorded_loss_is_named_as_such():
    """Keras's native fit_logs run (the running-mean loss): the forward, backward and update agree, so the
    localization names the recorded loss and the model divergence record that explains it."""
    load_or_skip("keras")
    from conformance import catalog
    case = next(c for c in catalog.all_cases() if c.id == "sequential[logistic_minibatch]")
    records = harness.run_case(case, "keras", "float64")
    loc = [r for r in records if r.check == "localization"]
    assert [r.status for r in loc] == ["divergence"]            # the native run only; the mapped run passes
    d = loc[0].detail
    assert (d["step"], d["phase"], d["quantity"], d["layer"]) == (2, "update", "loss", None)
    assert any("running mean" in c for c in d["candidates"])
    assert "Localization" not in report.render(records)          # not a failure


def test_a_departure_an_irreducible_record_reports_is_not_localized(monkeypatch):
    """The harness reports the checks an irreducible divergence reaches as "divergence": documented, so no
    localization (which would be a failure) is made of them."""
    fw = load_or_skip("torch")
    from conformance import divergences as divs
    record = divs.Divergence("sequential", "torch", family="model", what="planted: a tanh scaled by 1.000001",
                             framework_value="tanh(1.000001·x)", reference_value="tanh(x)", mapping="none",
                             irreducible=True, cases=(CASE.desc,), checks=("loss", "param:", "eval_forward", "evaluate:"))
    original = divs.for_component
    monkeypatch.setattr(divs, "for_component", lambda family, name, framework: original(family, name, framework)
                        + ([record] if (family, name, framework) == ("model", "sequential", "torch") else []))
    _plant(monkeypatch, fw, "tanh", _scaled_tanh("torch"))
    records = harness.run_case(CASE, "torch", "float64")
    assert any(r.status == "divergence" for r in records)
    assert _located(records) is None and not [r for r in records if r.status in ("fail", "error")]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_departure_in_a_graph_is_named_by_node(framework, monkeypatch):
    """A functional model (two branches added, a skip connection concatenated): a tanh planted at node 'h'
    departs in its forward; the localization names update 1, node 'h', its forward."""
    fw = load_or_skip(framework)
    from conformance import catalog
    case = next(c for c in catalog.all_cases() if c.id == "functional[default]")
    _plant(monkeypatch, fw, "tanh", _scaled_tanh(framework))
    loc = _located(harness.run_case(case, framework, "float64", with_divergences=False))
    assert loc is not None and loc.status == "fail", loc
    d = loc.detail
    assert (d["step"], d["phase"], d["layer"], d["quantity"]) == (1, "forward", "h", "forward"), loc.note
    assert "node 'h' (tanh)" in loc.note


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_framework_probe_of_a_graph_is_the_references(framework):
    fw = load_or_skip(framework)
    from conformance import catalog
    from conformance.adapter import RunContext
    from conformance.checkers import model as model_checker
    case = next(c for c in catalog.all_cases() if c.id == "functional[default]")
    model = reference.get("model", "functional")(**case.kwargs)
    data = model_checker.inputs(case, "float64", model)
    x, y = data["x"][:10], data["y"][:10]
    want = training.probe(model, reference.get("loss", "bce")(), data["params"], x, y)
    got = fw.adapter.probe_model(RunContext("float64"), {"model": ("functional", case.kwargs), "loss": ("bce", {}),
                                                          "params": data["params"], "x": x, "y": y})
    assert list(got["outputs"]) == list(want["outputs"]) == ["a", "b", "sum", "h", "skip", "logit", "out"]
    for key in ("outputs", "grad_outputs"):
        for k, w in want[key].items():
            np.testing.assert_allclose(got[key][k], w, rtol=1e-12, atol=1e-15, err_msg=f"{key}[{k}]")
    for name, w in want["grad_params"].items():
        np.testing.assert_allclose(got["grad_params"][name], w, rtol=1e-12, atol=1e-15, err_msg=name)
