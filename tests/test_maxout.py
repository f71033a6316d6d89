"""Maxout: the (units, pieces) grouping, how tied maxima share the gradient, and leading axes."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from reference.conventions import MAXOUT_GROUPING
from conformance.adapter import RunContext


def _ref(**kwargs):
    return reference.get("activation", "maxout")(**kwargs)


def test_grouping_is_units_then_pieces():
    """Unit u is the max of columns u·pieces … u·pieces + pieces − 1 of z = xW + b."""
    assert MAXOUT_GROUPING == "units_pieces"
    rng = np.random.default_rng(0)
    units, pieces = 3, 4
    x = rng.normal(size=(5, 2))
    params = {"W": rng.normal(size=(2, units * pieces)), "b": rng.normal(size=units * pieces)}
    z = x @ params["W"] + params["b"]
    want = np.stack([z[:, u * pieces:(u + 1) * pieces].max(axis=1) for u in range(units)], axis=1)
    np.testing.assert_array_equal(_ref(in_features=2, units=units, pieces=pieces)(x, params), want)
    # The other grouping, (pieces, units) with unit u taking columns u, u + units, ..., differs.
    strided = np.stack([z[:, u::units].max(axis=1) for u in range(units)], axis=1)
    assert np.max(np.abs(strided - want)) > 0.1


# One tie: unit 0's two pieces are identical; unit 1's are not.
TIE = {"x": np.array([[2.0]]), "dy": np.array([[1.0, 1.0]]),
       "params": {"W": np.array([[1.0, 1.0, -1.0, 2.0]]), "b": np.zeros(4)}}


def _ref_tie():
    ref = _ref(in_features=1, units=2, pieces=2)
    _, cache = ref.forward(TIE["x"], TIE["params"])
    return ref.backward(TIE["dy"], cache)


def test_tied_maxima_share_the_gradient_in_the_reference():
    _, grads = _ref_tie()
    np.testing.assert_array_equal(grads["W"], [[1.0, 1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(grads["b"], [0.5, 0.5, 0.0, 1.0])


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_tied_maxima_share_the_gradient_in_each_framework(framework):
    """Two identical pieces: torch ``amax`` and TF ``reduce_max`` split dy equally between
    them, as the reference does."""
    dx, grads = _ref_tie()
    kwargs = {"in_features": 1, "units": 2, "pieces": 2}
    got = load_or_skip(framework).adapter.run_module(RunContext("float64"), "activation", "maxout", kwargs, TIE["x"], TIE["params"], TIE["dy"], False)
    np.testing.assert_array_equal(got["grad_params"]["b"], grads["b"])
    np.testing.assert_array_equal(got["grad_input"], dx)


@pytest.mark.parametrize("shape", [(4, 3), (2, 4, 3), (2, 2, 2, 3)])
def test_leading_axes_are_batch_axes(shape):
    rng = np.random.default_rng(1)
    ref = _ref(in_features=3, units=2, pieces=3)
    params = ref.init_params(rng, 3)
    x = rng.normal(size=shape)
    y, cache = ref.forward(x, params)
    y2, cache2 = ref.forward(x.reshape(-1, 3), params)
    np.testing.assert_array_equal(y.reshape(-1, 2), y2)
    dy = rng.normal(size=y.shape)
    for a, b in zip(ref.backward(dy, cache)[1].values(), ref.backward(dy.reshape(-1, 2), cache2)[1].values()):
        np.testing.assert_allclose(a, b, rtol=1e-14)
