"""Softmax cross-entropy with logits ±1e4: finite and exact against 50-digit arithmetic."""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference
from conformance.cases.losses import EXTREME_LOGITS, EXTREME_ONEHOT

getcontext().prec = 50
TARGET = [row.index(1.0) for row in EXTREME_ONEHOT]


def exact(z: list[float], k: int) -> tuple[Decimal, list[Decimal]]:
    Z = [Decimal(v) for v in z]
    m = max(Z)
    total = sum((v - m).exp() for v in Z)
    value = m + total.ln() - Z[k]
    grad = [(v - m).exp() / total - (1 if c == k else 0) for c, v in enumerate(Z)]
    return value, grad


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values_and_gradients_are_exact(dtype):
    z = np.array(EXTREME_LOGITS, dtype=dtype)
    y = np.eye(3, dtype=dtype)[TARGET]
    loss = reference.get("loss", "softmax_crossentropy")(reduction="none")
    values, cache = loss.forward(z, y)
    grad = loss.backward(np.ones_like(values), cache)
    assert values.dtype == grad.dtype == np.dtype(dtype)
    tol = Decimal(8 * float(np.finfo(dtype).eps))
    for n, k in enumerate(TARGET):
        want, want_grad = exact([float(v) for v in z[n]], k)
        assert abs(Decimal(float(values[n])) - want) <= tol * abs(want)
        for c in range(3):
            assert abs(Decimal(float(grad[n, c])) - want_grad[c]) <= tol * (abs(want_grad[c]) + Decimal(1e-300))


def test_sparse_labels_agree_with_one_hot_targets():
    rng = np.random.default_rng(1)
    z = rng.standard_normal((6, 4)) * 3
    k = rng.integers(0, 4, 6)
    dense = reference.get("loss", "softmax_crossentropy")(reduction="none")
    sparse = reference.get("loss", "sparse_softmax_crossentropy")(reduction="none")
    v_dense, c_dense = dense.forward(z, np.eye(4)[k])
    v_sparse, c_sparse = sparse.forward(z, k)
    np.testing.assert_array_equal(v_sparse, v_dense)
    g = rng.standard_normal(6)
    np.testing.assert_allclose(sparse.backward(g, c_sparse), dense.backward(g, c_dense), rtol=1e-15, atol=1e-16)
