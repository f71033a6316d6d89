"""HardSigmoid: torch.nn.Hardsigmoid's backward multiplies by 1/6 rounded to float32, also in
float64, which the reference maps with grad_sixth="float32" (conformance/divergences/activations.py). Keras's relu6(x + 3) / 6 is exact."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext

X = np.array([[-4.0, -3.0, -1.0, 0.0, 1.0, 3.0, 4.0]])
SIXTH_F32 = float(np.float32(1 / 6))            # 0.1666666716337204


def _run(framework, dy):
    return load_or_skip(framework).adapter.run_module(RunContext("float64"), "activation", "hard_sigmoid", {}, X, {}, dy, False)


def test_reference_slope_is_one_sixth_inside_and_zero_at_the_kinks():
    ref = reference.get("activation", "hard_sigmoid")()
    _, cache = ref.forward(X, {})
    np.testing.assert_array_equal(ref.backward(np.full_like(X, 6.0), cache)[0], [[0, 0, 1, 1, 1, 0, 0]])


def test_torch_backward_uses_float32_one_sixth_in_float64():
    dy = np.random.default_rng(0).normal(size=X.shape)
    got = _run("torch", dy)
    inside = (X > -3) & (X < 3)
    np.testing.assert_array_equal(got["grad_input"], np.where(inside, dy * SIXTH_F32, 0))
    rel = np.abs(got["grad_input"][inside] / (dy[inside] / 6) - 1)
    np.testing.assert_allclose(rel, SIXTH_F32 * 6 - 1, rtol=1e-6)            # 2.98e-8 on every element
    ref = reference.get("activation", "hard_sigmoid")()
    np.testing.assert_array_equal(got["out"], ref(X))                        # the forward pass is exact


def test_keras_is_exact_in_float64():
    dy = np.random.default_rng(0).normal(size=X.shape)
    got = _run("keras", dy)
    ref = reference.get("activation", "hard_sigmoid")()
    y, cache = ref.forward(X, {})
    np.testing.assert_array_equal(got["out"], y)
    np.testing.assert_array_equal(got["grad_input"], ref.backward(dy, cache)[0])


def test_grad_sixth_float32_reproduces_torch_exactly():
    dy = np.random.default_rng(0).normal(size=X.shape)
    got = _run("torch", dy)
    ref = reference.get("activation", "hard_sigmoid")(grad_sixth="float32")
    _, cache = ref.forward(X, {})
    np.testing.assert_array_equal(got["grad_input"], ref.backward(dy, cache)[0])
