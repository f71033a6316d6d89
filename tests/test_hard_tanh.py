"""HardTanh at its bounds: the gradient there is 0 in torch.nn.Hardtanh and 1 in
tf.clip_by_value; the reference names both as ``grad_at_bounds`` and the harness maps Keras
with ``grad_at_bounds=1.0`` (conformance/divergences/activations.py)."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext

# Bounds that are not float32 numbers: an equality test through float32 would miss them.
BOUNDS = {"min_val": -0.3, "max_val": 0.7}
X = np.array([[-1.0, -0.3, 0.0, 0.7, 1.0]])


def _ref_grad(x, dtype="float64", **kwargs):
    ref = reference.get("activation", "hard_tanh")(**BOUNDS, **kwargs)
    x = x.astype(dtype)
    _, cache = ref.forward(x, {})
    return ref.backward(np.ones_like(x), cache)[0]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grad_at_bounds_applies_only_on_the_bounds(dtype):
    np.testing.assert_array_equal(_ref_grad(X, dtype), [[0, 0, 1, 0, 0]])
    np.testing.assert_array_equal(_ref_grad(X, dtype, grad_at_bounds=1.0), [[0, 1, 1, 1, 0]])
    assert _ref_grad(X, dtype, grad_at_bounds=1.0).dtype == dtype


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("framework,grad_at_bounds", [("torch", 0.0), ("keras", 1.0)])
def test_each_framework_takes_one_convention(framework, grad_at_bounds, dtype):
    x = X.astype(dtype)
    got = load_or_skip(framework).adapter.run_module(RunContext(dtype), "activation", "hard_tanh", BOUNDS, x, {}, np.ones_like(x),
                                             False)["grad_input"]
    np.testing.assert_array_equal(got, _ref_grad(X, dtype, grad_at_bounds=grad_at_bounds))
