"""Writing results over arrays (``Module.accepts_out``): ReLU's ``out=``, and the reference Sequential giving a
layer its own intermediate arrays (the Dense output a ReLU reads, the gradient a Dense returned) but never the
caller's arrays or an array a cache still holds. The values are those of the plain pass, layer by layer."""
import numpy as np
import pytest

import reference
from reference.activations.relu import ReLU
from reference.models.sequential import Sequential, shares_memory

MLP = [("dense", {"in_features": 4, "units": 6}), ("relu", {}), ("dense", {"in_features": 6, "units": 5}),
       ("relu", {}), ("dense", {"in_features": 5, "units": 3})]


def by_hand(layers, x, params, dy):
    """Each layer's plain forward and backward (no ``out``), in order: (y, dx, grads)."""
    model = Sequential(layers)
    per, caches, a = model.split(params), [], x
    for m, p in zip(model.modules, per):
        a, cache = m.forward(a.copy(), p)
        caches.append(cache)
    d, grads = dy, {}
    for i in reversed(range(len(model.modules))):
        d, g = model.modules[i].backward(d.copy(), caches[i])
        grads.update({f"{i}.{k}": v for k, v in g.items()})
    return a, d, grads


class Spy:
    """Records, per ReLU call, whether it got ``out`` (and the array's id)."""

    def __init__(self, monkeypatch):
        self.forward, self.backward = [], []
        fwd, bwd = ReLU.forward, ReLU.backward

        def forward(m, x, params, **kw):
            self.forward.append(kw.get("out") is x)
            return fwd(m, x, params, **kw)

        def backward(m, dy, cache, **kw):
            self.backward.append(kw.get("out") is dy)
            return bwd(m, dy, cache, **kw)
        monkeypatch.setattr(ReLU, "forward", forward)
        monkeypatch.setattr(ReLU, "backward", backward)


def _run(layers, dtype, seed=0, n=7):
    model, rng = Sequential(layers), np.random.default_rng(seed)
    x = rng.standard_normal((n, layers[0][1].get("in_features", 4))).astype(dtype)
    params = model.init_params(rng, x.shape[-1], dtype)
    y, cache = model.forward(x, params)
    dy = rng.standard_normal(y.shape).astype(dtype)
    return model, x, params, y, cache, dy


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_mlp_writes_its_relus_in_place_with_the_plain_values(dtype, monkeypatch):
    spy = Spy(monkeypatch)
    model, x, params, y, cache, dy = _run(MLP, dtype)
    x0, dy0 = x.copy(), dy.copy()
    dx, grads = model.backward(dy, cache)
    assert spy.forward == [True, True] and spy.backward == [True, True]      # every ReLU, both passes
    y_ref, dx_ref, grads_ref = by_hand(MLP, x, params, dy)
    assert np.array_equal(y, y_ref) and np.array_equal(dx, dx_ref)           # bit for bit
    assert grads.keys() == grads_ref.keys() and all(np.array_equal(grads[k], grads_ref[k]) for k in grads)
    assert np.array_equal(x, x0) and np.array_equal(dy, dy0)                 # the caller's arrays untouched


@pytest.mark.parametrize("layers, forward, backward", [
    # the caller's x and dy are never written: a ReLU first and last
    ([("relu", {}), ("dense", {"in_features": 4, "units": 3}), ("relu", {})], [False, True], [False, True]),
    # softmax keeps its output for its backward: the ReLU after it must not write over it
    ([("dense", {"in_features": 4, "units": 4}), ("softmax", {}), ("relu", {}), ("dense", {"in_features": 4, "units": 2})],
     [False], [True]),
    # flatten returns a view of its input: conservatively, not a new array
    ([("dense", {"in_features": 4, "units": 4}), ("flatten", {}), ("relu", {})], [False], [False]),
    # a ReLU after a ReLU: the first one's output is its input's memory, so not a new array
    ([("dense", {"in_features": 4, "units": 4}), ("relu", {}), ("relu", {}), ("dense", {"in_features": 4, "units": 2})],
     [True, False], [True, False]),
], ids=["first_and_last", "after_softmax", "after_a_view", "relu_relu"])
def test_only_arrays_no_one_else_holds_are_written(layers, forward, backward, monkeypatch):
    spy = Spy(monkeypatch)
    model, x, params, y, cache, dy = _run(layers, "float64", seed=3)
    x0, dy0 = x.copy(), dy.copy()
    dx, grads = model.backward(dy, cache)
    assert spy.forward == forward and spy.backward == backward
    y_ref, dx_ref, grads_ref = by_hand(layers, x, params, dy)
    assert np.array_equal(y, y_ref) and np.array_equal(dx, dx_ref)
    assert all(np.array_equal(grads[k], grads_ref[k]) for k in grads_ref)
    assert np.array_equal(x, x0) and np.array_equal(dy, dy0)


def test_relu_out_is_written_and_keeps_the_nan_convention():
    relu = ReLU()
    x = np.array([[-2.0, 0.0, np.nan, 3.0, -np.inf, np.inf]])
    y_plain, cache_plain = relu.forward(x, {})
    buf = x.copy()
    y, cache = relu.forward(buf, {}, out=buf)
    assert y is buf and np.array_equal(y, y_plain, equal_nan=True)
    dy = np.array([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]])
    dx_plain = relu.backward(dy, cache_plain)[0]
    np.testing.assert_array_equal(dx_plain, [[0.0, 0.0, np.nan, 4.0, 0.0, 6.0]])
    g = dy.copy()
    dx = relu.backward(g, cache, out=g)[0]
    assert dx is g and np.array_equal(dx, dx_plain, equal_nan=True)


@pytest.mark.parametrize("out, message", [
    (np.zeros((2, 3), np.float32), "out has dtype float32: expected float64"),
    (np.zeros((3, 2)), r"out has shape \(3, 2\): expected \(2, 3\)"),
    ([[0.0] * 3] * 2, "out is a list"),
])
def test_a_bad_out_is_named(out, message):
    with pytest.raises(ValueError, match=message):
        ReLU().forward(np.ones((2, 3)), {}, out=out)


def test_shares_memory_looks_through_caches():
    a = np.zeros((4, 3))
    assert shares_memory(a[1:], ({"x": (1, [a])},))
    assert not shares_memory(a, ((4, 3), {"W": np.zeros(3)}, None))
    assert reference.get("activation", "relu").accepts_out and not reference.get("activation", "sigmoid").accepts_out
