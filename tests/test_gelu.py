"""GELU: both forms against math.erf / math.tanh, accuracy in the left tail, the defaults, and
the float32 constants of tf.nn.gelu, which the reference maps with constants="float32"
(conformance/divergences/activations.py)."""
import inspect
import math

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext

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


def _keras_gelu(x, approximate):
    got = load_or_skip("keras").adapter.run_module(RunContext("float64"), "activation", "gelu", {"approximate": approximate}, x, {},
                               np.ones_like(x), False)
    return got["out"], got["grad_input"]


F32 = lambda v: float(np.float32(v))          # noqa: E731
X = np.linspace(-6, 6, 97)[None, :]


def test_keras_exact_form_uses_float32_one_over_sqrt2():
    """tf.nn.gelu: 0.5·x·erfc(−x·cast(0.7071067811865476)) (nn_ops.py:3756): the cast goes
    through float32, so Keras equals the formula with f32(1/√2) at round-off and the exact
    reference only to ~1e-8."""
    y, dx = _keras_gelu(X, "none")
    c = F32(1 / math.sqrt(2))
    erfc = np.vectorize(math.erfc)
    y32 = 0.5 * X * erfc(-X * c)
    dx32 = 0.5 * erfc(-X * c) + X * c / math.sqrt(math.pi) * np.exp(-(X * c) ** 2)
    np.testing.assert_allclose(y, y32, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(dx, dx32, rtol=1e-14, atol=1e-15)
    ref = reference.get("activation", "gelu")()
    gap = np.abs(y - ref(X)).max()
    assert 1e-9 < gap < 1e-8                                  # measured 5.2e-9 on this grid


def test_keras_tanh_form_uses_float32_coefficient():
    """tf.nn.gelu(approximate=True): coeff = cast(0.044715) (nn_ops.py:3747) through float32;
    √(2/π) is a Python-float product and stays exact."""
    y, _ = _keras_gelu(X, "tanh")
    k = F32(0.044715)
    y32 = 0.5 * X * (1 + np.tanh(math.sqrt(2 / math.pi) * (X + k * X**3)))
    np.testing.assert_allclose(y, y32, rtol=1e-14, atol=1e-15)
    ref = reference.get("activation", "gelu")(approximate="tanh")
    gap = np.abs(y - ref(X)).max()
    assert 1e-10 < gap < 1e-8


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_constants_float32_reproduces_keras_at_roundoff(approximate):
    """The mapping: with constants='float32' the reference meets Keras in float64 at round-off on the
    whole grid, the far left tail (x ≤ −15) included, where an override would have hidden anything. The
    tanh form's 1 + tanh(u) cancels for x ≪ 0 in Keras (the reference uses σ(2u)): there its error is
    absolute, |x|·ulp(1) ≈ 1e-14."""
    x = np.concatenate([X, np.array([[-30.0, -20.0, -15.0]])], axis=1)
    y, dx = _keras_gelu(x, approximate)
    ref = reference.get("activation", "gelu")(approximate=approximate, constants="float32")
    want, cache = ref.forward(x, {})
    atol = 1e-300 if approximate == "none" else 1e-14
    np.testing.assert_allclose(y, want, rtol=1e-13, atol=atol)
    np.testing.assert_allclose(dx, ref.backward(np.ones_like(x), cache)[0], rtol=1e-13, atol=atol)
