"""Categorical cross-entropy on probabilities: tiny target probabilities against 50-digit
arithmetic, what renormalising does to the gradient, and the torch composition's guard."""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference
from conformance.cases.losses import EDGE_ONEHOT, EDGE_ROWS

getcontext().prec = 50


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values_and_gradients_are_exact(dtype):
    p, y = np.array(EDGE_ROWS, dtype=dtype), np.array(EDGE_ONEHOT, dtype=dtype)
    loss = reference.get("loss", "categorical_crossentropy")(reduction="none")
    values, cache = loss.forward(p, y)
    grad = loss.backward(np.ones_like(values), cache)
    assert values.dtype == grad.dtype == np.dtype(dtype)
    tol = Decimal(8 * float(np.finfo(dtype).eps))
    for n in range(len(p)):
        k = int(np.argmax(y[n]))
        q = Decimal(float(p[n, k]))
        want = -q.ln()
        assert abs(Decimal(float(values[n])) - want) <= tol * abs(want) + Decimal(1e-300)
        want_grad = np.zeros(3)
        want_grad[k] = float(-1 / q)
        np.testing.assert_allclose(grad[n], want_grad, rtol=float(tol))


def test_renormalising_adds_sum_y_over_sum_p_to_every_component():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.1, 1.0, (4, 5))                    # rows off the simplex on purpose
    y = np.eye(5)[[0, 3, 1, 4]]
    plain = reference.get("loss", "categorical_crossentropy")(reduction="none")
    renorm = reference.get("loss", "categorical_crossentropy")(reduction="none", renormalize=True)
    v0, c0 = plain.forward(p / p.sum(-1, keepdims=True), y)
    v1, c1 = renorm.forward(p, y)
    np.testing.assert_allclose(v1, v0, rtol=1e-15)
    g_plain = plain.backward(np.ones(4), plain.forward(p, y)[1])
    g_renorm = renorm.backward(np.ones(4), c1)
    np.testing.assert_allclose(g_renorm - g_plain, np.broadcast_to(1 / p.sum(-1, keepdims=True), p.shape), rtol=1e-14)


def test_torch_composition_refuses_soft_targets():
    torch = pytest.importorskip("torch")
    from torch_impl.losses.categorical_crossentropy import build
    loss = build().module
    p = torch.tensor([[0.2, 0.8]], dtype=torch.float64)
    with pytest.raises(ValueError, match="one-hot"):
        loss(p, torch.tensor([[0.3, 0.7]], dtype=torch.float64))


def test_renormalised_gradient_at_a_zero_target_probability():
    """ℓ = −log(p_0/Σp): dℓ/dp = −y/p + Σy/Σp = [−inf, 1, 1] at p = [0, 1, 0], y = [1, 0, 0]. The
    old backward took Σ_c g_c p_c as a product, −inf·0 = NaN, and gave NaN everywhere."""
    loss = reference.get("loss", "categorical_crossentropy")(reduction="none", renormalize=True)
    values, cache = loss.forward(np.array([[0.0, 1.0, 0.0], [0.0, 0.5, 0.5]]), np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    np.testing.assert_array_equal(values, [np.inf, np.log(2)])
    np.testing.assert_array_equal(loss.backward(np.ones(2), cache), [[-np.inf, 1.0, 1.0], [1.0, -1.0, 1.0]])
