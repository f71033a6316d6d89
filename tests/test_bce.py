"""BCE on probabilities at the edges of (0, 1): the reference against 50-digit arithmetic,
the eps clip, and the torch backward clamp the divergence record describes."""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference
from conformance.cases.losses import EDGE_P, EXTREME_P

getcontext().prec = 50
ULPS = 8


def exact(p: float, y: float, lo: float, hi: float) -> tuple[Decimal, Decimal]:
    """ℓ and dℓ/dp with p clipped to [lo, hi]."""
    lo, hi = Decimal(lo), Decimal(hi)
    P, Y = Decimal(p), Decimal(y)
    q = min(max(P, lo), hi)
    value = -((Y * q.ln() if Y else 0) + ((1 - Y) * (1 - q).ln() if 1 - Y else 0))
    grad = (-(Y / q) + (1 - Y) / (1 - q)) if lo <= P <= hi else Decimal(0)
    return Decimal(value), grad


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("p_values,eps", [(EDGE_P, 0.0), (EXTREME_P, 1e-7)], ids=["edges", "extreme"])
def test_values_and_gradients_are_exact(p_values, eps, dtype):
    p = np.array(p_values * 2, dtype=dtype).reshape(2, -1)
    y = np.repeat(np.array([[1.0], [0.0]], dtype=dtype), p.shape[1], axis=1)
    loss = reference.get("loss", "bce")(reduction="none", eps=eps)
    values, cache = loss.forward(p, y)
    grad = loss.backward(np.ones_like(values), cache)
    assert values.dtype == grad.dtype == np.dtype(dtype)
    bounds = float(np.asarray(eps, dtype)), float(np.asarray(1.0 - eps, dtype))   # rounded as the reference does
    tol = Decimal(ULPS * float(np.finfo(dtype).eps))
    for i in np.ndindex(p.shape):
        want_v, want_g = exact(float(p[i]), float(y[i]), *bounds)
        got_v, got_g = Decimal(float(values[i])), Decimal(float(grad[i]))
        assert abs(got_v - want_v) <= tol * abs(want_v), (i, values[i], want_v)
        assert abs(got_g - want_g) <= tol * abs(want_g), (i, grad[i], want_g)


def test_hard_targets_at_zero_and_one_are_finite_without_eps():
    p = np.array([[0.0, 1.0]])
    values, cache = reference.get("loss", "bce")(reduction="none").forward(p, np.array([[0.0, 1.0]]))
    assert np.array_equal(values, [[0.0, 0.0]])
    values, _ = reference.get("loss", "bce")(reduction="none").forward(p, np.array([[1.0, 0.0]]))
    assert np.all(np.isinf(values))          # the true value: −log 0


def test_torch_backward_is_not_the_derivative_below_1e_12():
    """The record's claim: torch divides by max(p(1 − p), 1e-12) in its backward."""
    torch = pytest.importorskip("torch")
    p = torch.tensor([1e-20, 1e-13, 1e-11], dtype=torch.float64, requires_grad=True)
    for y, want in ((1.0, [-1e12, -1e12, -1e11]), (0.0, [1e-8, 0.1, 1.0])):
        loss = torch.nn.BCELoss(reduction="sum")(p, torch.full_like(p, y))
        (g,) = torch.autograd.grad(loss, p)
        np.testing.assert_allclose(g.numpy(), want, rtol=1e-6)   # the true values: −1/p and 1/(1 − p)


def test_gradient_keeps_its_relative_accuracy_where_p_is_close_to_y():
    """−y/p + (1 − y)/(1 − p) subtracts two numbers near 2.2 to get −4e-9: relative error 5e-8 at
    this pair. (p − y)/(p(1 − p)) subtracts the inputs themselves (exact here), then rounds twice."""
    p, y = 0.4539787048051625, 0.45397870580516253
    loss = reference.get("loss", "bce")(reduction="none")
    _, cache = loss.forward(np.array([[p]]), np.array([[y]]))
    got = Decimal(float(loss.backward(np.ones((1, 1)), cache)[0, 0]))
    P, Y = Decimal(p), Decimal(y)
    want = (P - Y) / (P * (1 - P))                       # the exact derivative at these float inputs
    assert abs(got - want) <= Decimal(4 * np.finfo(np.float64).eps) * abs(want), (got, want)


def test_gradient_at_the_ends_without_eps():
    """Where p(1 − p) = 0 the first form gives the limits: 1 and −inf at p = 0, −1 and inf at p = 1."""
    loss = reference.get("loss", "bce")(reduction="none")
    _, cache = loss.forward(np.array([[0.0, 0.0, 1.0, 1.0]]), np.array([[0.0, 1.0, 1.0, 0.0]]))
    np.testing.assert_array_equal(loss.backward(np.ones((1, 4)), cache), [[1.0, -np.inf, -1.0, np.inf]])
