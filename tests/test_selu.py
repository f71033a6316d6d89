"""SELU: the constants, and the λα the Keras builder puts at x = 0 (tf_impl/activations/selu.py)."""
import numpy as np
import pytest

import reference
from reference.activations.selu import ALPHA, SCALE


def test_left_and_right_slopes_at_zero():
    ref = reference.get("activation", "selu")()
    _, cache = ref.forward(np.array([-1e-300, 0.0, 1e-300]), {})
    dx, _ = ref.backward(np.ones(3), cache)
    np.testing.assert_array_equal(dx, [SCALE * ALPHA, SCALE * ALPHA, SCALE])


def test_frameworks_use_the_same_constants():
    torch = pytest.importorskip("torch")
    pytest.importorskip("keras")
    from tf_impl.activations.selu import SCALE_ALPHA
    big = torch.tensor([-1e4, 1.0], dtype=torch.float64)
    # selu(−∞) = −λα and selu(1) = λ.
    assert torch.nn.SELU()(big).tolist() == pytest.approx([-SCALE * ALPHA, SCALE], rel=1e-15)
    assert SCALE_ALPHA == pytest.approx(SCALE * ALPHA, rel=1e-15)
