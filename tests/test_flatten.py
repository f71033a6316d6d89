"""Flatten: the reference's element order (channels-last), torch's (channels-first), the permutation
between them that a following Dense layer carries in its rows, and the backward pass."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext
from reference.layers.flatten import Flatten


def _flatten(**kwargs):
    return reference.get("layer", "flatten")(**kwargs)


def test_channels_last_is_the_stored_order_and_channels_first_is_torchs():
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float64).reshape(2, 3, 4, 5)          # (N, H, W, C)
    np.testing.assert_array_equal(_flatten()(x), x.reshape(2, -1))
    np.testing.assert_array_equal(_flatten(order="channels_first")(x), x.transpose(0, 3, 1, 2).reshape(2, -1))
    assert _flatten()(x)[0, 1] == x[0, 0, 0, 1]                                 # next feature: next channel
    assert _flatten(order="channels_first")(x)[0, 1] == x[0, 0, 1, 0]           # next feature: next column


@pytest.mark.parametrize("sample_shape", [(3, 4, 5), (6, 2), (7,)])
def test_a_dense_layer_after_the_flatten_carries_the_permutation_in_its_rows(sample_shape):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, *sample_shape))
    W = rng.standard_normal((int(np.prod(sample_shape)), 3))
    p = Flatten.permutation(sample_shape)
    np.testing.assert_allclose(_flatten(order="channels_first")(x) @ W[p], _flatten()(x) @ W, rtol=1e-13)
    np.testing.assert_array_equal(np.sort(p), np.arange(len(p)))
    if len(sample_shape) > 1 and sample_shape[-1] > 1:
        assert not np.array_equal(p, np.arange(len(p)))


@pytest.mark.parametrize("order", ["channels_last", "channels_first"])
@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (3, 4, 2), (3, 4)])
def test_backward_puts_each_gradient_back_where_its_value_came_from(order, shape):
    rng = np.random.default_rng(1)
    flatten = _flatten(order=order)
    x = rng.standard_normal(shape)
    y, cache = flatten.forward(x, {})
    assert y.shape == (shape[0], int(np.prod(shape[1:]))) == flatten.output_shape(shape)
    dx, grads = flatten.backward(y, cache)                # the output as its own upstream gradient
    np.testing.assert_array_equal(dx, x)
    assert grads == {}


def test_bad_order_and_gradient_shape_are_named():
    with pytest.raises(ValueError, match="order='NCHW'"):
        _flatten(order="NCHW")
    flatten = _flatten()
    _, cache = flatten.forward(np.ones((2, 3, 4)), {})
    with pytest.raises(ValueError, match=r"dy has shape \(2, 3, 4\): expected \(2, 12\)"):
        flatten.backward(np.ones((2, 3, 4)), cache)


@pytest.mark.parametrize("framework,variant,order", [("torch", "", "channels_first"),
                                                      ("keras", "", "channels_last"),
                                                      ("keras", "channels_first", "channels_last")])
def test_each_frameworks_flatten_has_its_documented_order(framework, variant, order):
    """torch's nn.Flatten on NCHW is channels-first; Keras's Flatten is channels-last in both data formats."""
    fw = load_or_skip(framework)
    x = np.random.default_rng(2).standard_normal((2, 3, 4, 5))
    kwargs = {"variant": variant} if variant else {}
    got = fw.adapter.run_module(RunContext("float64"), "layer", "flatten", kwargs, x, {}, np.ones((2, 60)), False)
    np.testing.assert_array_equal(got["out"], _flatten(order=order)(x))
