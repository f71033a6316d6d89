"""NLL picks −a[n, k_n]: exact (no arithmetic) for any log-probability, gradient −onehot."""
import numpy as np
import pytest

import reference


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_extreme_log_probabilities_are_picked_exactly(dtype, reduction):
    a = np.array([[-1e4, -700.0, -1e-20], [0.0, -1e4, -1e4], [-30.0, -1.0, -2.0]], dtype=dtype)
    k = np.array([0, 2, 1])
    loss = reference.get("loss", "nll")(reduction=reduction)
    value, cache = loss.forward(a, k)
    picked = -a[np.arange(3), k]
    want = {"none": picked, "sum": picked.sum(), "mean": picked.mean()}[reduction]
    np.testing.assert_array_equal(value, want)
    assert value.dtype == np.dtype(dtype)
    grad = loss.backward(np.ones(np.shape(value), dtype=dtype), cache)
    scale = 1 / 3 if reduction == "mean" else 1.0
    np.testing.assert_allclose(grad, -np.eye(3)[k] * scale, rtol=1e-7)
    assert grad.dtype == np.dtype(dtype)
