"""Pooling: the reference against naive loops (written here only), "same" padding's geometry, the routing of a
max-pool gradient at ties (the first maximum in row-major window order, in the reference and in both
frameworks), global pools' tie options, the float32 bounds, and argument checks."""
import itertools
import math

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import bounds
from conformance.adapter import RunContext


def _pool(name, **kwargs):
    return reference.get("layer", name)(**kwargs)


def naive(x, pool, strides, padding, kind, divisor="input_cells", dy=None):
    """Loops over every output cell and window position of (N, *spatial, C): (y, dx for dy)."""
    d = x.ndim - 2
    spatial = x.shape[1:-1]
    if padding == "same":
        out = [math.ceil(n / s) for n, s in zip(spatial, strides)]
        before = [max((o - 1) * s + k - n, 0) // 2 for o, s, k, n in zip(out, strides, pool, spatial)]
    else:
        out = [(n - k) // s + 1 for n, k, s in zip(spatial, pool, strides)]
        before = [0] * d
    y = np.zeros((x.shape[0], *out, x.shape[-1]))
    dx = np.zeros(x.shape)
    for n, c in itertools.product(range(x.shape[0]), range(x.shape[-1])):
        for o in itertools.product(*(range(m) for m in out)):
            cells = [tuple(oi * s + ai - b for oi, s, ai, b in zip(o, strides, a, before))
                     for a in itertools.product(*(range(k) for k in pool))]         # row-major window order
            inside = [q for q in cells if all(0 <= qi < ni for qi, ni in zip(q, spatial))]
            vals = [x[(n, *q, c)] for q in inside]
            if kind == "max":
                best = inside[int(np.argmax(vals))]                                  # the first maximum
                y[(n, *o, c)] = x[(n, *best, c)]
                if dy is not None:
                    dx[(n, *best, c)] += dy[(n, *o, c)]
            else:
                div = len(inside) if divisor == "input_cells" else len(cells)
                y[(n, *o, c)] = sum(vals) / div
                if dy is not None:
                    for q in inside:
                        dx[(n, *q, c)] += dy[(n, *o, c)] / div
    return y, dx


CONFIGS = [   # (spatial, pool, strides, padding)
    ((4, 6), (2, 2), (2, 2), "valid"),
    ((5, 5), (3, 3), (1, 1), "valid"),
    ((5, 7), (2, 3), (1, 2), "valid"),
    ((5, 7), (3, 3), (2, 2), "same"),
    ((8, 6), (3, 3), (2, 2), "same"),
    ((4, 4), (2, 2), (3, 3), "same"),
    ((7,), (3,), (2,), "same"),
    ((8,), (2,), (1,), "same"),
    ((9,), (4,), (3,), "valid"),
]


@pytest.mark.parametrize("spatial,pool,strides,padding", CONFIGS)
@pytest.mark.parametrize("kind", ["max", "input_cells", "window_size"])
def test_reference_matches_naive_loops(spatial, pool, strides, padding, kind):
    rng = np.random.default_rng(len(spatial) * 100 + sum(pool))
    x = rng.standard_normal((2, *spatial, 3))
    d = len(spatial)
    if kind == "max":
        ref = _pool(f"max_pool{d}d", pool_size=pool, strides=strides, padding=padding)
    else:
        ref = _pool(f"average_pool{d}d", pool_size=pool, strides=strides, padding=padding, divisor=kind)
    y, cache = ref.forward(x, {})
    dy = rng.standard_normal(y.shape)
    want_y, want_dx = naive(x, pool, strides, padding, "max" if kind == "max" else "avg", kind, dy)
    np.testing.assert_allclose(y, want_y, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(ref.backward(dy, cache)[0], want_dx, rtol=1e-13, atol=1e-15)


def test_same_padding_puts_an_odd_totals_extra_cell_at_the_end():
    """n = 8, k = 3, s = 2: 4 outputs, total padding 1, after the input: windows start at 0, 2, 4, 6."""
    x = np.arange(8.0).reshape(1, 8, 1)
    y = _pool("max_pool1d", pool_size=3, strides=2, padding="same")(x)
    assert y.ravel().tolist() == [2.0, 4.0, 6.0, 7.0]
    avg = _pool("average_pool1d", pool_size=3, strides=2, padding="same")
    assert avg(x).ravel().tolist() == [1.0, 3.0, 5.0, 6.5]                 # the last window: (6 + 7) / 2
    window = _pool("average_pool1d", pool_size=3, strides=2, padding="same", divisor="window_size")
    assert window(x).ravel().tolist() == [1.0, 3.0, 5.0, 13 / 3]


def test_overlapping_windows_accumulate_the_gradient():
    x = np.array([0.0, 5.0, 1.0, 2.0]).reshape(1, 4, 1)                    # 5 is the max of 2 windows
    ref = _pool("max_pool1d", pool_size=2, strides=1)
    y, cache = ref.forward(x, {})
    assert ref.backward(np.ones_like(y), cache)[0].ravel().tolist() == [0.0, 2.0, 0.0, 1.0]


TIE = np.array([[0.0, 2.0], [2.0, 0.0]])        # row-major order takes (0, 1), column-major (1, 0)


def test_reference_routes_a_tie_to_the_first_maximum_in_row_major_order():
    ref = _pool("max_pool2d")
    x = TIE.reshape(1, 2, 2, 1)
    y, cache = ref.forward(x, {})
    assert ref.backward(np.ones_like(y), cache)[0].reshape(2, 2).tolist() == [[0.0, 1.0], [0.0, 0.0]]


@pytest.mark.parametrize("framework", ["torch", "keras"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_both_frameworks_route_a_window_tie_like_the_reference(framework, dtype):
    """Why max pooling has no tie option and no record: torch's MaxPool2d and TensorFlow's MaxPoolGrad
    take the first maximum in row-major window order, as the reference."""
    fw = load_or_skip(framework)
    x = np.tile(TIE, (2, 2)).reshape(1, 4, 4, 1).astype(dtype)
    dy = np.ones((1, 2, 2, 1), dtype=dtype)
    got = fw.adapter.run_module(RunContext(dtype), "layer", "max_pool2d", {}, x, {}, dy, False)
    ref = _pool("max_pool2d")
    y, cache = ref.forward(x, {})
    np.testing.assert_array_equal(got["grad_input"], ref.backward(dy, cache)[0])


@pytest.mark.parametrize("d", [1, 2])
def test_global_pools_and_their_tie_options(d):
    rng = np.random.default_rng(d)
    x = rng.integers(0, 3, size=(2, *(3,) * d, 4)).astype(np.float64)
    axes = tuple(range(1, d + 1))
    dy = rng.standard_normal((2, 4))
    gap = _pool(f"global_average_pool{d}d")
    y, cache = gap.forward(x, {})
    np.testing.assert_allclose(y, x.mean(axis=axes), rtol=1e-15)
    np.testing.assert_allclose(gap.backward(dy, cache)[0], np.broadcast_to(
        dy.reshape(2, *(1,) * d, 4) / 3 ** d, x.shape), rtol=1e-15)
    flat = x.reshape(2, -1, 4)
    tied = flat == flat.max(axis=1, keepdims=True)
    for ties, share in (("split", tied / tied.sum(axis=1, keepdims=True)),
                        ("first", np.cumsum(tied, axis=1) * tied == 1)):
        gmp = _pool(f"global_max_pool{d}d", ties=ties)
        y, cache = gmp.forward(x, {})
        np.testing.assert_array_equal(y, x.max(axis=axes))
        np.testing.assert_allclose(gmp.backward(dy, cache)[0].reshape(2, -1, 4), share * dy[:, None, :], rtol=1e-15)
    assert tied.sum(axis=1).max() > 1                                      # the data have ties


def test_float32_bounds_hold_other_summation_orders_and_not_a_wrong_divisor():
    """The average's bound admits a float32 sum of each window in another order (sequential, last cell first);
    it is far below the difference between the two divisors, so it hides no convention."""
    from reference.layers.pooling import pad, windows
    rng = np.random.default_rng(3)
    x = (rng.standard_normal((2, 8, 6, 3)) + 3.0).astype(np.float32)
    kw = {"pool_size": 3, "strides": 2, "padding": "same"}
    ref = _pool("average_pool2d", **kw)
    dy = rng.standard_normal(ref.output_shape(x.shape)).astype(np.float32)
    b = bounds.for_module("layer", "average_pool2d", x, {}, dy, "float32", ref=ref)["forward"]
    exact = ref.forward(x.astype(np.float64), {})[0]
    p, _ = ref.geometry(x.shape)
    cells = windows(pad(x, p, 0), ref.pool_size, ref.strides).reshape(*exact.shape, -1)[..., ::-1]
    sequential = np.cumsum(cells, axis=-1, dtype=np.float32)[..., -1] / ref.divisors(x.shape, np.float32)
    for y in (ref.forward(x, {})[0], sequential):
        assert np.all(np.abs(y - exact) <= b / 2)                 # each within γ of the exact value
    assert np.max(np.abs(y - exact) / b) > 0.01                   # and the bound is not vacuous
    other = _pool("average_pool2d", divisor="window_size", **kw).forward(x.astype(np.float64), {})[0]
    assert np.max(np.abs(other - exact) - b) > 0.1


BAD = [
    ("max_pool2d", {"pool_size": 0}, ["pool_size=0", "integer >= 1"]),
    ("max_pool2d", {"pool_size": (2,)}, ["pool_size=(2,)", "tuple of 2 integers"]),
    ("max_pool1d", {"pool_size": 2, "strides": "1"}, ["strides='1'", "integer >= 1"]),
    ("average_pool2d", {"padding": "full"}, ["padding='full'", "'valid'", "'same'"]),
    ("average_pool1d", {"divisor": "count"}, ["divisor='count'", "'input_cells'", "'window_size'"]),
    ("global_max_pool2d", {"ties": "random"}, ["ties='random'", "'first'", "'split'"]),
]


@pytest.mark.parametrize("name,kwargs,words", BAD)
def test_bad_arguments_are_named(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        _pool(name, **kwargs)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match=r"x has shape \(2, 5, 3\): expected 4 dimensions \(N, H, W, C\)"):
        _pool("max_pool2d")(np.ones((2, 5, 3)))
    with pytest.raises(ValueError, match=r"padding='valid' needs every spatial size >= pool_size=\(3,\)"):
        _pool("average_pool1d", pool_size=3)(np.ones((1, 2, 1)))
    with pytest.raises(ValueError, match="x has dtype int64"):
        _pool("global_average_pool2d")(np.ones((1, 2, 2, 1), dtype=np.int64))
