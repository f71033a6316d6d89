"""Dense along the last axis: leading axes are batch axes (dW and db sum over all of them),
and an input whose last axis is not in_features is rejected with a message naming both."""
import numpy as np
import pytest

import reference


def _dense(**kwargs):
    return reference.get("layer", "dense")(**kwargs)


@pytest.mark.parametrize("use_bias", [True, False])
@pytest.mark.parametrize("shape", [(6, 5), (2, 3, 5), (2, 1, 3, 5)])
def test_leading_axes_are_batch_axes(shape, use_bias):
    rng = np.random.default_rng(0)
    dense = _dense(in_features=5, units=3, use_bias=use_bias)
    params = dense.init_params(rng, 5)
    x, dy = rng.normal(size=shape), rng.normal(size=shape[:-1] + (3,))
    y, cache = dense.forward(x, params)
    y2, cache2 = dense.forward(x.reshape(-1, 5), params)
    assert y.shape == shape[:-1] + (3,)
    np.testing.assert_array_equal(y.reshape(-1, 3), y2)
    dx, grads = dense.backward(dy, cache)
    dx2, grads2 = dense.backward(dy.reshape(-1, 3), cache2)
    assert dx.shape == shape
    np.testing.assert_allclose(dx.reshape(-1, 5), dx2, rtol=1e-14)
    assert grads.keys() == grads2.keys() == params.keys()
    for name in grads:
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], grads2[name], rtol=1e-14)


@pytest.mark.parametrize("shape", [(4, 3), (2, 4, 6)])
def test_wrong_number_of_features_is_named(shape):
    dense = _dense(in_features=5, units=2)
    with pytest.raises(ValueError) as info:
        dense.forward(np.ones(shape), dense.init_params(np.random.default_rng(0), 5))
    for w in (f"{shape[-1]} features", "in_features=5", str(shape)):
        assert w in str(info.value)
