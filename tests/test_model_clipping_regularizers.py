"""Gradient clipping and penalties in whole-model training (``setup["clipping"]``, ``setup["regularizers"]`` of
``conformance/checkers/model.py``; ``[clipping]`` and ``[regularizers]`` of a spec): the reference loop's
objective and clipped gradients, a framework that drops either fails, and each malformed table is one line
naming the field and the value. The cases themselves (``sequential[regularized_clipped]``,
``sequential[example_deep_narrow_disc_clip_l2]``) run in tests/test_conformance.py.
"""
import dataclasses
import os

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from conformance import spec as spec_mod
from conformance.cases import spec_examples
from reference.models import datasets, training

EXAMPLE = os.path.join(spec_examples.EXAMPLES_DIR, "deep_narrow_disc_clip_l2.toml")


def _case(**setup):
    case = next(c for c in catalog.all_cases() if c.id == "sequential[regularized_clipped]")
    return dataclasses.replace(case, setup={**case.setup, "epochs": 1, **setup})


def test_penalized_adds_each_penalty_and_its_gradient():
    rng = np.random.default_rng(0)
    params = {"0.W": rng.standard_normal((2, 3)), "0.b": rng.standard_normal(3)}
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    l2 = reference.get("regularizer", "l2")(l2=0.1)
    loss, out = training.penalized(np.asarray(1.0), grads, params, {"0.W": l2})
    assert loss == pytest.approx(1.0 + 0.1 * np.sum(params["0.W"] ** 2), rel=1e-15)
    np.testing.assert_allclose(out["0.W"], 0.2 * params["0.W"], rtol=1e-15)
    assert np.all(out["0.b"] == 0) and np.all(grads["0.W"] == 0)            # the bias untouched, grads not mutated


def test_clipping_and_penalties_change_the_reference_run():
    """Both are active in the case: without either the reference's trajectory differs (so a framework that drops
    one is caught by param:* and loss, below)."""
    case = _case()
    model = reference.get("model", "sequential")(**case.kwargs)
    rng = np.random.default_rng(case.seed)
    x, y = datasets.draw(*case.setup["data"][:1], rng, "float64", **case.setup["data"][1])
    params = model.init_params(rng, 2, np.float64)
    orders = training.epoch_orders(rng, len(x), 1, True)
    bce = reference.get("loss", "bce")(reduction="mean")

    def run(**kw):
        sgd = reference.get("optimizer", "sgd")(learning_rate=0.2, momentum=0.9)
        return training.fit(model, bce, sgd, params, x, y, orders, 10, **kw)
    penalties = {k: reference.get("regularizer", n)(**kw) for k, (n, kw) in case.setup["regularizers"].items()}
    clip = reference.get("clipping", "global_norm")(max_norm=0.5)
    both, unclipped, plain = run(penalties=penalties, clip=clip), run(penalties=penalties), run(clip=clip)
    assert not np.allclose(both["params"]["0.W"], unclipped["params"]["0.W"], atol=1e-6)
    assert not np.allclose(both["loss"], plain["loss"], atol=1e-6)


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_a_framework_that_drops_the_penalties_or_the_clipping_fails(framework, monkeypatch):
    load_or_skip(framework)
    runner = __import__({"torch": "torch_impl.model_runner", "keras": "tf_impl.model_runner"}[framework],
                        fromlist=["x"])
    with monkeypatch.context() as m:
        if framework == "torch":
            m.setattr(runner, "penalties_of", lambda spec, tensors: None)
        else:
            m.setattr(runner, "_regularize", lambda variables, spec: None)
        records = harness.run_case(_case(), framework, "float64", with_divergences=False)
    failed = {r.check for r in records if r.status == "fail"}
    assert {"loss", "evaluate:loss", "param:0.W"} <= failed, failed
    built = runner.optim_runner._built
    with monkeypatch.context() as m:
        m.setattr(runner.optim_runner, "_built", lambda kind, entry: None if kind == "clipping" else built(kind, entry))
        records = harness.run_case(_case(), framework, "float64", with_divergences=False)
    failed = {r.check for r in records if r.status == "fail"}
    assert "param:0.W" in failed and "loss" in failed, failed


def test_the_example_spec_puts_a_penalty_on_every_kernel_and_clips():
    spec = spec_mod.load(EXAMPLE, installed=False)
    assert spec.setup["clipping"] == ("global_norm", {"max_norm": 0.5})
    assert spec.setup["regularizers"] == {f"{i}.W": ("l2", {"l2": 0.001}) for i in (0, 2, 4, 6, 8, 10)}
    assert ("clipping", "global_norm", {"max_norm": 0.5}) in spec.components
    assert [c for c in spec.components if c[0] == "regularizer"] == [("regularizer", "l2", {"l2": 0.001})]


@pytest.mark.parametrize("edit,fragments", [
    (lambda r: r.update(clipping={"name": "norm"}), ("clipping.name='norm'", "global_norm, per_tensor_norm, value")),
    (lambda r: r.update(clipping={"name": "global_norm", "max_norm": -1.0}), ("clipping (global_norm)", "max_norm=-1.0")),
    (lambda r: r.update(clipping={"name": "value", "max_norm": 1.0}), ("clipping.max_norm=1.0", "clip_value")),
    (lambda r: r.update(regularizers={"kernels": {"name": "max_norm"}}),
     ("regularizers.kernels.name='max_norm'", "l1, l2, l1_l2")),
    (lambda r: r.update(regularizers={"9.W": {"name": "l2"}}), ("regularizers.9.W=", "no such parameter", "0.W")),
    (lambda r: r.update(regularizers={"0.W": {"name": "l2", "l2": -0.1}}), ("regularizers.0.W (l2)", "l2=-0.1")),
    (lambda r: r.update(regularizers="l2"), ("regularizers='l2'", "expected a table")),
    (lambda r: (r.update(clipping={"name": "global_norm"}), r["run"].update(frameworks=["keras"],
                                                                          loops={"keras": ["low_level"]})),
     ("run.loops.keras='low_level'", "clips in the optimizer")),
])
def test_malformed_clipping_and_regularizers(edit, fragments, tmp_path, capsys):
    from test_run_spec import _rejected, _skip_without_frameworks, _xor
    _skip_without_frameworks()
    raw = _xor()
    edit(raw)
    _rejected(raw, tmp_path, capsys, *fragments)


def test_a_case_with_a_penalty_on_no_parameter_is_an_error_before_training():
    load_or_skip("torch")
    (rec,) = harness.run_case(_case(regularizers={"9.W": ("l2", {})}), "torch", "float64", with_divergences=False)
    assert rec.status == "error" and "regularizers['9.W'] is not allowed: no such parameter" in rec.note
    (rec,) = harness.run_case(_case(regularizers={"0.W": ("max_norm", {})}), "torch", "float64",
                              with_divergences=False)
    assert rec.status == "error" and "expected a penalty (l1, l2, l1_l2)" in rec.note
