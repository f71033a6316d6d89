"""Embedding: the lookup and its scatter-add gradient against a loop (here only), repeated indices, the padding
row, integer inputs through the harness and both frameworks (no input gradient; the table's gradient compared),
and argument checks."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from conformance.adapter import RunContext


def _embedding(**kwargs):
    return reference.get("layer", "embedding")(**{"num_embeddings": 5, "embedding_dim": 3, **kwargs})


@pytest.mark.parametrize("padding_idx", [None, 0, 2])
def test_lookup_and_scatter_add_against_a_loop(padding_idx):
    rng = np.random.default_rng(0)
    ref = _embedding(padding_idx=padding_idx)
    W = rng.standard_normal((5, 3))
    x = np.array([[0, 2, 2, 4], [2, 0, 1, 2]])                       # repeated indices; row 3 never looked up
    y, cache = ref.forward(x, {"W": W})
    dy = rng.standard_normal(y.shape)
    dx, grads = ref.backward(dy, cache)
    want = np.zeros_like(W)
    for n in range(x.shape[0]):
        for t in range(x.shape[1]):
            np.testing.assert_array_equal(y[n, t], W[x[n, t]])
            if x[n, t] != padding_idx:
                want[x[n, t]] += dy[n, t]
    assert dx is None
    np.testing.assert_allclose(grads["W"], want, rtol=1e-15)
    assert not grads["W"][3].any()
    if padding_idx is not None:
        assert not grads["W"][padding_idx].any() and y[x == padding_idx].any()   # looked up, never learns


def test_a_1d_input_gives_one_row_per_index():
    W = np.arange(15.0).reshape(5, 3)
    assert _embedding()(np.array([4, 1]), {"W": W}).tolist() == [W[4].tolist(), W[1].tolist()]


def test_harness_compares_the_table_gradient_and_no_input_gradient():
    load_or_skip("torch")
    case = next(c for c in catalog.all_cases() if c.id == "embedding[default]")
    records = harness.run_case(case, "torch", "float64", with_divergences=False)
    assert {r.check for r in records} == {"forward", "grad_param:W"}
    assert all(r.status == "pass" for r in records), records


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_frameworks_take_integer_indices(framework):
    fw = load_or_skip(framework)
    rng = np.random.default_rng(1)
    x = rng.integers(0, 5, size=(3, 4))
    W = rng.standard_normal((5, 3)).astype(np.float32)
    dy = rng.standard_normal((3, 4, 3)).astype(np.float32)
    got = fw.adapter.run_module(RunContext("float32"), "layer", "embedding",
                                {"num_embeddings": 5, "embedding_dim": 3, "padding_idx": 1}, x, {"W": W}, dy, False)
    ref = _embedding(padding_idx=1)
    y, cache = ref.forward(x, {"W": W})
    assert got["grad_input"] is None and got["out"].dtype == np.float32
    np.testing.assert_array_equal(got["out"], y)
    np.testing.assert_allclose(got["grad_params"]["W"], ref.backward(dy, cache)[1]["W"], rtol=1e-6, atol=1e-6)
    assert not got["grad_params"]["W"][1].any()


BAD = [
    ({"num_embeddings": 0}, ["num_embeddings=0", ">= 1"]),
    ({"embedding_dim": 2.0}, ["embedding_dim=2.0", "integer"]),
    ({"padding_idx": 5}, ["padding_idx=5", "[0, 4]"]),
    ({"padding_idx": -1}, ["padding_idx=-1", "[0, 4]"]),
]


@pytest.mark.parametrize("kwargs,words", BAD)
def test_bad_arguments_are_named(kwargs, words):
    with pytest.raises(ValueError) as info:
        _embedding(**kwargs)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_bad_inputs_are_named():
    W = {"W": np.zeros((5, 3))}
    with pytest.raises(ValueError, match="x has dtype float64: expected a NumPy array of integer indices"):
        _embedding()(np.zeros((2, 3)), W)
    with pytest.raises(ValueError, match=r"x has indices in \[0, 5\]: expected indices in \[0, 5\)"):
        _embedding()(np.array([0, 5]), W)
    with pytest.raises(ValueError, match=r"params\['W'\] has shape \(3, 5\): expected \(5, 3\)"):
        _embedding()(np.array([0, 1]), {"W": np.zeros((3, 5))})
