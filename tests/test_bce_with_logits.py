"""BCE on logits for |z| up to 1e4: the reference against 50-digit arithmetic, values and
gradients, with hard and soft targets; both saturated tails keep their tiny true values."""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference
from conformance.cases.losses import LOGITS

getcontext().prec = 50
ULPS = 8
TARGETS = [0.0, 1.0, 0.3, 0.75]


def log1p(x: Decimal) -> Decimal:
    # 1 + x would drop a tiny x at 50 digits; the series is exact far beyond that there.
    return x - x * x / 2 + x * x * x / 3 if x < Decimal("1e-12") else (1 + x).ln()


def exact(z: float, y: float) -> tuple[Decimal, Decimal, Decimal]:
    """ℓ = log(1 + e^z) − z·y and dℓ/dz = σ(z) − y, split at 0 so nothing cancels, and the
    scale of the gradient's two terms: a soft target's σ(z) − y is a true difference whose
    rounding error is relative to the terms, not to the (smaller) result."""
    Z, Y = Decimal(z), Decimal(y)
    e = (-abs(Z)).exp()
    tail = e / (1 + e)                                   # σ(−|z|)
    value = (Z * (1 - Y) if Z >= 0 else -Z * Y) + log1p(e)
    grad = (1 - Y) - tail if Z >= 0 else tail - Y
    return value, grad, (1 - Y if Z >= 0 else Y) + tail


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values_and_gradients_are_exact(dtype):
    z = np.array(LOGITS * len(TARGETS), dtype=dtype).reshape(len(TARGETS), -1)
    y = np.repeat(np.array(TARGETS, dtype=dtype)[:, None], z.shape[1], axis=1)
    loss = reference.get("loss", "bce_with_logits")(reduction="none")
    values, cache = loss.forward(z, y)
    grad = loss.backward(np.ones_like(values), cache)
    assert values.dtype == grad.dtype == np.dtype(dtype)
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(grad))
    tol = Decimal(ULPS * float(np.finfo(dtype).eps))
    tiny = Decimal(float(np.finfo(dtype).smallest_subnormal))   # float32 cannot hold 3.7e-44 exactly
    for i in np.ndindex(z.shape):
        want_v, want_g, scale_g = exact(float(z[i]), float(y[i]))
        got_v, got_g = Decimal(float(values[i])), Decimal(float(grad[i]))
        assert abs(got_v - want_v) <= tol * abs(want_v) + tiny, (i, values[i], want_v)
        assert abs(got_g - want_g) <= tol * scale_g + tiny, (i, grad[i], want_g)


def test_saturated_tail_keeps_its_sign():
    """z = 100, y = 1: ℓ = 3.7e-44 and dℓ/dz = −3.7e-44, not 0 from σ(z) − 1 = 1 − 1."""
    loss = reference.get("loss", "bce_with_logits")(reduction="none")
    values, cache = loss.forward(np.array([[100.0, -100.0]]), np.array([[1.0, 0.0]]))
    grad = loss.backward(np.ones((1, 2)), cache)
    np.testing.assert_allclose(values, [[3.720075976020836e-44] * 2], rtol=1e-15)
    np.testing.assert_allclose(grad, [[-3.720075976020836e-44, 3.720075976020836e-44]], rtol=1e-15)
