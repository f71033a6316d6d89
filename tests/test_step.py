"""Step and sign: the value at ±0, the zero backward, the dtype."""
import numpy as np
import pytest

import reference

X = np.array([-2.0, -1e-300, -0.0, 0.0, 1e-300, 3.0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_step_value_at_zero(dtype):
    for v, want in ((1.0, [0, 0, 1, 1, 1, 1]), (0.5, [0, 0, 0.5, 0.5, 1, 1]), (0.0, [0, 0, 0, 0, 1, 1])):
        y = reference.get("activation", "step")(value_at_zero=v)(X.astype(dtype))
        assert y.dtype == dtype
        # 1e-300 is 0 in float32, so it takes the value at zero there.
        expect = np.array(want, dtype=dtype) if dtype == np.float64 else np.array([0, v, v, v, v, 1], dtype)
        np.testing.assert_array_equal(y, expect)


@pytest.mark.parametrize("name", ["step", "sign"])
def test_not_differentiable_and_backward_is_zero(name):
    ref = reference.get("activation", name)()
    assert ref.differentiable is False
    _, cache = ref.forward(X, {})
    dx, dparams = ref.backward(np.ones_like(X), cache)
    np.testing.assert_array_equal(dx, 0)
    assert dparams == {}


def test_sign_is_two_valued_by_default_and_configurable():
    sign = reference.get("activation", "sign")
    np.testing.assert_array_equal(sign()(X), [-1, -1, 1, 1, 1, 1])
    np.testing.assert_array_equal(sign(value_at_zero=-1.0)(X), [-1, -1, -1, -1, 1, 1])
    np.testing.assert_array_equal(sign(value_at_zero=0.0)(X), np.sign(X))       # the mathematical sign
    # sign = 2·step − 1 with the same convention at 0.
    step = reference.get("activation", "step")()
    np.testing.assert_array_equal(sign()(X), 2 * step(X) - 1)
