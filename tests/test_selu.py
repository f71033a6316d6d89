"""SELU: the constants, and the two one-sided derivatives at x = 0 (``grad_at_zero``): torch
takes the left one (λα), tf.nn.selu the right one (λ). The harness maps Keras with
``grad_at_zero="right"`` (conformance/divergences/activations.py)."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from reference.activations.selu import ALPHA, SCALE
from conformance.adapter import RunContext

X = np.array([[-1e-300, -0.0, 0.0, 1e-300]])
AT_ZERO = np.array([[-1.0, -0.0, 0.0, 1e-300, 1.0]])


def _ref_grad(x=X, **kwargs):
    ref = reference.get("activation", "selu")(**kwargs)
    _, cache = ref.forward(x, {})
    return ref.backward(np.ones_like(x), cache)[0]


def test_left_and_right_slopes_at_zero():
    left, right = SCALE * ALPHA, SCALE
    np.testing.assert_array_equal(_ref_grad(), [[left, left, left, right]])          # default "left"
    np.testing.assert_array_equal(_ref_grad(grad_at_zero="right"), [[left, right, right, right]])


def test_the_option_leaves_the_forward_pass_alone():
    x = np.linspace(-3, 3, 13)
    left, right = (reference.get("activation", "selu")(grad_at_zero=g) for g in ("left", "right"))
    np.testing.assert_array_equal(left(x), right(x))


@pytest.mark.parametrize("framework,grad_at_zero", [("torch", "left"), ("keras", "right")])
def test_each_framework_takes_one_side(framework, grad_at_zero):
    got = load_or_skip(framework).adapter.run_module(RunContext("float64"), "activation", "selu", {}, AT_ZERO, {},
                                             np.ones_like(AT_ZERO), False)["grad_input"]
    # rtol: at x = −1 SeluGrad computes dy·(y + λα), one ulp from λα·eˣ.
    np.testing.assert_allclose(got, _ref_grad(AT_ZERO, grad_at_zero=grad_at_zero), rtol=1e-15, atol=0)


@pytest.mark.parametrize("dtype,edge", [("float64", 5.6e-17), ("float32", 3.0e-8)])
def test_tf_selu_rounds_tiny_negative_inputs_to_zero(dtype, edge):
    """tf.nn.selu computes λα·(eˣ − 1), not expm1: for −edge < x < 0, eˣ rounds to 1, the output
    is 0 instead of λα·x, and SeluGrad (which tests outputs < 0) returns λ, the right-hand
    slope, instead of λα. No argument or reference option maps it: the harness reports
    selu[tiny_negative] as an irreducible divergence (conformance/divergences/activations.py)."""
    x = np.array([[-10 * edge, -edge / 2, -1e-30]], dtype=dtype)
    got = load_or_skip("keras").adapter.run_module(RunContext(dtype), "activation", "selu", {}, x, {}, np.ones_like(x), False)
    ref = reference.get("activation", "selu")()
    y, cache = ref.forward(x, {})
    assert got["out"][0, 0] < 0 and np.all(y < 0)
    np.testing.assert_array_equal(got["out"][0, 1:], 0)
    np.testing.assert_allclose(got["grad_input"], [[SCALE * ALPHA, SCALE, SCALE]], rtol=1e-6)
    np.testing.assert_allclose(ref.backward(np.ones_like(x), cache)[0], SCALE * ALPHA, rtol=1e-6)


def test_frameworks_use_the_same_constants():
    load_or_skip("torch")
    load_or_skip("keras").adapter.build(RunContext("float64"), "activation", "identity", {})
    import keras
    import torch
    big = np.array([-1e4, 1.0])
    # selu(−∞) = −λα and selu(1) = λ.
    want = [-SCALE * ALPHA, SCALE]
    assert torch.nn.SELU()(torch.from_numpy(big)).tolist() == pytest.approx(want, rel=1e-15)
    assert np.array(keras.activations.selu(big)).tolist() == pytest.approx(want, rel=1e-15)
