"""Softmax and log-softmax: stability at |x| up to 1e4, dtype, and torch's legacy implicit dim."""
import warnings

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext

EXTREME = np.array([[1e4, -1e4, 0.0, 1e4],
                    [-1e4, -1e4, -1e4, -1e4],
                    [1e4, 1e4 - 1, -1e4, 0.5]])


def _ref(name, **kwargs):
    return reference.get("activation", name)(**kwargs)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_logits_stay_finite_and_keep_the_dtype(dtype):
    x = EXTREME.astype(dtype)
    p, logp = _ref("softmax")(x), _ref("log_softmax")(x)
    assert p.dtype == logp.dtype == dtype
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(logp))
    np.testing.assert_allclose(p.sum(axis=-1), 1, rtol=4 * np.finfo(dtype).eps)
    np.testing.assert_allclose(p[0], [0.5, 0, 0, 0.5])                     # tie at the max
    np.testing.assert_allclose(p[1], 0.25)                                # all equal
    assert logp[0, 1] == pytest.approx(-2e4 - np.log(2), rel=1e-6)       # exp underflows, the log does not
    np.testing.assert_allclose(np.exp(logp), p, rtol=1e-6, atol=1e-30)


def test_shift_invariance_at_1e4():
    x = np.random.default_rng(0).normal(size=(5, 7))
    for name in ("softmax", "log_softmax"):       # both are invariant to adding a constant
        ref = _ref(name)
        np.testing.assert_allclose(ref(x + 1e4), ref(x), rtol=0, atol=1e-11)


def test_axis_selects_the_normalised_axis():
    x = np.random.default_rng(1).normal(size=(3, 4, 5))
    for axis in (0, 1, 2, -1, -2):
        np.testing.assert_allclose(_ref("softmax", axis=axis)(x).sum(axis=axis), 1, rtol=1e-15)
        np.testing.assert_allclose(_ref("log_softmax", axis=axis)(x),
                                   np.log(_ref("softmax", axis=axis)(x)), rtol=1e-14)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_torch_implicit_dim_is_0_for_3d_and_1_for_2d(name):
    fw = load_or_skip("torch")
    import torch
    module = fw.adapter.build(RunContext("float64"), "activation", name, {"variant": "implicit_dim"}).module
    rng = np.random.default_rng(2)
    for shape, dim in (((4, 5), 1), ((4, 5, 6), 0)):
        x = rng.normal(size=shape)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)       # torch's deprecation note
            y = module(torch.from_numpy(x)).numpy()
        np.testing.assert_allclose(y, _ref(name, axis=dim)(x), rtol=1e-13, atol=1e-15)
        if dim != x.ndim - 1:
            assert np.max(np.abs(y - _ref(name)(x))) > 0.1
