"""Softplus: stable at |x| up to 1e4, and the threshold the torch builder uses is exact."""
import math

import numpy as np
import pytest

import reference


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("beta", [1.0, 0.3, 2.0])
def test_finite_at_extremes_and_dtype_kept(dtype, beta):
    ref = reference.get("activation", "softplus")(beta=beta)
    x = np.array([-1e4, -800.0, -100.0, 0.0, 100.0, 800.0, 1e4], dtype=dtype)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y, cache = ref.forward(x, {})
        dx, _ = ref.backward(np.ones_like(x), cache)
    assert y.dtype == dx.dtype == dtype
    assert np.all(np.isfinite(y)) and np.all(y >= 0)
    assert y[-1] == pytest.approx(1e4) and y[0] == 0 and dx[-1] == 1 and dx[0] == 0


def test_matches_the_textbook_formula_where_it_is_safe():
    ref = reference.get("activation", "softplus")(beta=2.0)
    for v in (-20.0, -3.0, -1e-8, 0.0, 0.7, 5.0, 30.0):
        assert ref(np.array([v]))[0] == pytest.approx(math.log1p(math.exp(2 * v)) / 2, rel=1e-15, abs=1e-300)


def test_torch_threshold_40_is_exact_in_float64():
    # Above the threshold torch returns y = x and dy/dx = 1 (torch_impl/activations/softplus.py).
    # At βx = 40 both are already the correctly rounded float64 values; at torch's default 20 they are not.
    x = np.array([40.0, 41.0, 60.0, 1e4])
    ref = reference.get("activation", "softplus")()
    y, cache = ref.forward(x, {})
    dx, _ = ref.backward(np.ones_like(x), cache)
    assert np.array_equal(y, x) and np.array_equal(dx, np.ones_like(x))
    y20, cache20 = ref.forward(np.array([20.5]), {})
    assert y20[0] != 20.5 and ref.backward(np.ones(1), cache20)[0][0] != 1.0
