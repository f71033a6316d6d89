"""Penalties: finite-difference check of every penalty gradient (float64, over the catalog's
cases and more), the L1 subgradient at 0, dtypes, large weights, the coupled weight-decay
identity the ``l2[sgd_weight_decay]`` case relies on, and the reference trajectories' problem
(``dense_mse`` with a penalty)."""
import numpy as np
import pytest

import reference
from conformance import catalog, harness
from conformance.inputs import draw
from reference.gradcheck import numerical_gradient, relative_error
from reference.optimizers import problems
from reference.regularizers.l2 import weight_decay_for

MAX_REL_ERR = 1e-7
PENALTIES = ("l1", "l2", "l1_l2")
CASES = [pytest.param(c, id=c.id) for c in catalog.all_cases() if c.component in PENALTIES]


def _gradcheck(penalty, W):
    value, cache = penalty.forward(W)
    g = 1.7                                     # an upstream gradient other than 1
    analytic = penalty.backward(np.float64(g), cache)
    numeric = numerical_gradient(lambda: float(penalty.forward(W)[0]) * g, W)
    return relative_error(analytic, numeric)


@pytest.mark.parametrize("case", CASES)
def test_penalty_gradients_on_catalog_cases(case):
    if not case.gradcheck:
        pytest.skip("inputs on a kink by design")
    penalty = reference.get("regularizer", case.component)(**case.kwargs)
    rng = np.random.default_rng(harness.seed_of(case))
    data = {k: draw(g, rng, "float64") for k, g in case.inputs.items()}
    W = data["W"] / max(1.0, np.abs(data["W"]).max())     # keep h = 1e-6 meaningful for large weights
    assert _gradcheck(penalty, W) < MAX_REL_ERR


@pytest.mark.parametrize("name,kwargs", [("l1", {"l1": 0.3}), ("l2", {"l2": 0.7}), ("l1_l2", {"l1": 0.2, "l2": 0.05}),
                                         ("l1_l2", {"l1": 0.0, "l2": 0.0})])
@pytest.mark.parametrize("shape", [(5, 4), (2, 3, 4, 5)])
def test_penalty_gradients(name, kwargs, shape):
    W = np.random.default_rng(7).standard_normal(shape)
    assert _gradcheck(reference.get("regularizer", name)(**kwargs), W) < MAX_REL_ERR


def test_l1_subgradient_at_zero_is_zero():
    W = np.array([[0.0, -0.0, 2.0], [-3.0, 0.0, 1e-300]])
    dW = reference.get("regularizer", "l1")(l1=0.5).backward(np.float64(1.0), W)
    np.testing.assert_array_equal(dW, [[0.0, 0.0, 0.5], [-0.5, 0.0, 0.5]])


@pytest.mark.parametrize("name", PENALTIES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_penalties_keep_dtype_and_are_finite_for_large_weights(name, dtype):
    penalty = reference.get("regularizer", name)()
    W = np.array([[1e4, -1e4], [0.5, 0.0]], dtype=dtype)
    value, cache = penalty.forward(W)
    dW = penalty.backward(np.ones((), dtype), cache)
    assert value.dtype == dtype and dW.dtype == dtype
    assert np.isfinite(value) and np.all(np.isfinite(dW))


def test_l2_gradient_is_coupled_weight_decay():
    """∂(λ‖W‖²)/∂W = 2λ·W: what torch SGD(weight_decay=2λ) adds to the gradient."""
    W = np.random.default_rng(2).standard_normal((4, 3))
    lam = 0.03
    dW = reference.get("regularizer", "l2")(l2=lam).backward(np.float64(1.0), W)
    np.testing.assert_allclose(dW, weight_decay_for(lam) * W, rtol=1e-15)
    assert weight_decay_for(lam) == 2 * lam


def test_l1_l2_is_the_sum():
    W = np.random.default_rng(3).standard_normal((4, 3))
    both = reference.get("regularizer", "l1_l2")(l1=0.2, l2=0.3)(W)
    parts = reference.get("regularizer", "l1")(l1=0.2)(W) + reference.get("regularizer", "l2")(l2=0.3)(W)
    assert both == pytest.approx(parts, rel=1e-15)


@pytest.mark.parametrize("penalty", [None, ("l1", {"l1": 0.3}), ("l2", {"l2": 0.7}), ("l1_l2", {})])
def test_dense_mse_problem_gradients_match_finite_differences(penalty):
    rng = np.random.default_rng(4)
    params = {"W": rng.standard_normal((5, 3)), "b": rng.standard_normal(3)}
    problem = problems.DenseMSE(None if penalty is None else reference.get("regularizer", penalty[0])(**penalty[1]))
    data = problem.data(rng, params, "float64")
    _, grads = problem.loss_and_grad(params, data, 0.5)
    for k, p in params.items():
        numeric = numerical_gradient(lambda: problem.loss_and_grad(params, data, 0.5)[0], p)
        assert relative_error(grads[k], numeric) < MAX_REL_ERR, k

