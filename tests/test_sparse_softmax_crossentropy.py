"""Softmax cross-entropy of confident rows: relative accuracy of the value and the gradient.

logsumexp(z) − z_k rounds to 0 once exp(z_j − z_k) drops below the unit round-off of 1: for
z = [40, 0], label 0, the old value was −0.0 and the gradient [0, 4.25e-18]. The true values,
from 50-digit decimal arithmetic (``exact``): ℓ = log1p(e^-40) = 4.248354255291589e-18,
dℓ/dz = [−σ(−40), σ(−40)] = ±4.248354255291589e-18 (σ(−40) = e^-40/(1 + e^-40) equals e^-40 to
1e-17 relative); at z = [20, 0] ℓ = log1p(e^-20) = e^-20 − e^-40/2 + … = 2.061153620314381e-09 (the old value
was 3.4e-8 off).
"""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference

getcontext().prec = 50
ULPS = 4

# (logits row, label): confident rows with the label at the max, one at the other class, ties.
ROWS = [([40.0, 0.0], 0), ([20.0, 0.0], 0), ([0.0, 40.0], 1), ([40.0, 0.0, -3.0, 39.5], 0),
        ([40.0, 0.0], 1), ([3.0, 3.0, -60.0], 1), ([-1e4, 1e4 - 36.0, 1e4], 2)]


def exact(z: list[float], k: int) -> tuple[Decimal, list[Decimal]]:
    Z = [Decimal(v) for v in z]
    m = max(Z)
    total = sum((v - m).exp() for v in Z)
    value = m + total.ln() - Z[k]
    return value, [(v - m).exp() / total - (1 if c == k else 0) for c, v in enumerate(Z)]


def _close(got: float, want: Decimal, dtype) -> bool:
    """Within ULPS of the exact value, or below the dtype's smallest subnormal (e^-2e4 underflows)."""
    tiny = Decimal(float(np.finfo(dtype).smallest_subnormal))
    return abs(Decimal(float(got)) - want) <= Decimal(ULPS * float(np.finfo(dtype).eps)) * abs(want) + tiny


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("dense", [False, True], ids=["sparse", "dense"])
@pytest.mark.parametrize("z,k", ROWS, ids=[f"{z}-{k}" for z, k in ROWS])
def test_confident_rows_keep_their_relative_accuracy(z, k, dense, dtype):
    logits = np.array([z], dtype=dtype)
    if dense:
        loss, target = reference.get("loss", "softmax_crossentropy")(reduction="none"), np.eye(len(z), dtype=dtype)[[k]]
    else:
        loss, target = reference.get("loss", "sparse_softmax_crossentropy")(reduction="none"), np.array([k])
    values, cache = loss.forward(logits, target)
    grad = loss.backward(np.ones(1, dtype=dtype), cache)
    want, want_grad = exact([float(v) for v in logits[0]], k)
    assert _close(values[0], want, dtype), (values[0], want)
    for c in range(len(z)):
        assert _close(grad[0, c], want_grad[c], dtype), (c, grad[0, c], want_grad[c])


def test_the_reported_values():
    loss = reference.get("loss", "sparse_softmax_crossentropy")(reduction="none")
    values, cache = loss.forward(np.array([[40.0, 0.0]]), np.array([0]))
    np.testing.assert_allclose(values, [4.248354255291589e-18], rtol=1e-15)        # was −0.0
    np.testing.assert_allclose(loss.backward(np.ones(1), cache), [[-4.248354255291589e-18, 4.248354255291589e-18]],
                               rtol=1e-15)                                          # was [0, 4.25e-18]
    values, _ = loss.forward(np.array([[20.0, 0.0]]), np.array([0]))
    np.testing.assert_allclose(values, [2.061153620314381e-09], rtol=1e-15)         # was 3.4e-8 off


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_log_softmax_of_a_confident_row(dtype):
    """log softmax([40, 0])_0 = −log1p(e^-40) = −4.248354255291589e-18 (it rounded to 0)."""
    y = reference.get("activation", "log_softmax")()(np.array([[40.0, 0.0]], dtype=dtype))
    assert y.dtype == dtype
    np.testing.assert_allclose(y, [[-4.248354255291589e-18, -40.0]], rtol=4 * np.finfo(dtype).eps)
