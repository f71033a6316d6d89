"""Functional (DAG) models: the reference's backward through add, concatenate and a value used twice against
finite differences, the graph's boundary, and each framework's graph against the reference."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from reference.gradcheck import numerical_gradient, relative_error

NODES = [("a", "dense", {"in_features": 2, "units": 4}, ["input"]),
         ("b", "dense", {"in_features": 2, "units": 4}, ["input"]),
         ("s", "add", {}, ["a", "b"]),
         ("h", "tanh", {}, ["s"]),
         ("c", "concatenate", {}, ["h", "input", "a"]),          # the input and a used twice
         ("out", "dense", {"in_features": 10, "units": 1}, ["c"])]


def _model(nodes=NODES, output="out", inputs=2):
    return reference.get("model", "functional")(inputs=inputs, nodes=nodes, output=output)


def test_backward_matches_finite_differences():
    model, rng = _model(), np.random.default_rng(0)
    x = rng.standard_normal((5, 2))
    params = model.init_params(rng, 2)
    dy = rng.standard_normal((5, 1))
    y, cache = model.forward(x, params)
    assert y.shape == (5, 1) and sorted(params) == ["a.W", "a.b", "b.W", "b.b", "out.W", "out.b"]
    dx, grads = model.backward(dy, cache)
    f = lambda: float(np.sum(model.forward(x, params)[0] * dy))  # noqa: E731
    assert relative_error(dx, numerical_gradient(f, x)) < 1e-7
    for name in params:
        assert relative_error(grads[name], numerical_gradient(f, params[name])) < 1e-7, name


def test_merges_compute_what_they_say():
    model, rng = _model(), np.random.default_rng(1)
    x = rng.standard_normal((3, 2))
    p = model.init_params(rng, 2)
    a, b = x @ p["a.W"] + p["a.b"], x @ p["b.W"] + p["b.b"]
    c = np.concatenate([np.tanh(a + b), x, a], axis=-1)
    np.testing.assert_allclose(model.forward(x, p)[0], c @ p["out.W"] + p["out.b"], rtol=1e-14)


@pytest.mark.parametrize("nodes, output, message", [
    ([("a", "dense", {"in_features": 2, "units": 2}, ["x"])], "a", "inputs=\\['x'\\] is not allowed"),
    ([("a", "add", {}, ["input"])], "a", "'add' with 1 input\\(s\\)"),
    ([("a", "dense", {"in_features": 2, "units": 3}, ["input"]), ("s", "add", {}, ["a", "input"])], "s",
     "adds inputs \\['a', 'input'\\] of widths \\[3, 2\\]"),
    ([("a", "dense", {"in_features": 2, "units": 2}, ["input"]), ("b", "tanh", {}, ["input"])], "a",
     "nodes \\['b'\\] are not allowed: the output 'a' does not depend on them"),
    ([("a", "dense", {"in_features": 2, "units": 2}, ["input"])], "z", "output='z' is not allowed"),
    ([("input", "tanh", {}, ["input"])], "input", "name 'input' is not allowed"),
])
def test_the_graph_is_validated(nodes, output, message):
    with pytest.raises(ValueError, match=message):
        _model(nodes, output)


def _params_of(case):
    return _model(case.kwargs["nodes"], case.kwargs["output"], case.kwargs["inputs"]).param_shapes(2)


@pytest.mark.parametrize("desc", ["default", "residual_dropout"])
@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_framework_graphs_match_the_reference(framework, desc):
    load_or_skip(framework)
    case = next(c for c in catalog.all_cases() if c.id == f"functional[{desc}]")
    records = harness.run_case(case, framework, "float64")
    checks = {r.check for r in records}
    assert {"loss", "eval_forward", "evaluate:loss"} <= checks
    assert {c for c in checks if c.startswith("param:")} == {f"param:{k}" for k in _params_of(case)}
    assert all(r.status == "pass" for r in records), [(r.check, r.note) for r in records if r.status != "pass"]
