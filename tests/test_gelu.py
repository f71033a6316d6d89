"""GELU: both forms against math.erf / math.tanh, accuracy in the left tail, and the defaults."""
import inspect
import math

import numpy as np
import pytest

import reference

POINTS = (-6.0, -3.0, -1.0, -1e-3, 0.0, 0.5, 1.0, 3.0, 6.0)


def test_exact_form_against_math_erf():
    ref = reference.get("activation", "gelu")()
    for v in POINTS:
        want = 0.5 * v * (1 + math.erf(v / math.sqrt(2)))
        assert ref(np.array([v]))[0] == pytest.approx(want, rel=1e-14, abs=1e-16)


def test_tanh_form_against_math_tanh():
    ref = reference.get("activation", "gelu")(approximate="tanh")
    for v in POINTS:
        want = 0.5 * v * (1 + math.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v**3)))
        assert ref(np.array([v]))[0] == pytest.approx(want, rel=1e-14, abs=1e-16)


def test_left_tail_keeps_relative_accuracy():
    # x Φ(x) at x = −30 is ≈ −1.5e-196; 1 + erf(x/√2) would round to 0.
    y = reference.get("activation", "gelu")()(np.array([-30.0]))[0]
    assert y == pytest.approx(-30 * 0.5 * math.erfc(30 / math.sqrt(2)), rel=1e-14) and y != 0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_dtype_kept_and_finite_at_1e4(dtype, approximate):
    ref = reference.get("activation", "gelu")(approximate=approximate)
    x = np.array([-1e4, -40.0, 0.0, 40.0, 1e4], dtype=dtype)
    y, cache = ref.forward(x, {})
    dx, _ = ref.backward(np.ones_like(x), cache)
    assert y.dtype == dx.dtype == dtype
    np.testing.assert_array_equal(y, [0, 0, 0, 40, 1e4])
    np.testing.assert_array_equal(dx, [0, 0, 0.5, 1, 1])


def test_framework_defaults_for_approximate():
    """The facts behind the gelu divergences: keras.ops.gelu alone defaults to the tanh form."""
    torch = pytest.importorskip("torch")
    keras = pytest.importorskip("keras")
    assert torch.nn.GELU().approximate == "none"
    assert inspect.signature(keras.activations.gelu).parameters["approximate"].default is False
    assert inspect.signature(keras.ops.gelu).parameters["approximate"].default is True
