"""Huber at the switch |e| = δ: both branches meet in value and slope."""
import numpy as np
import pytest

import reference


@pytest.mark.parametrize("delta", [1.0, 0.3, 2.5])
def test_branches_meet_at_delta(delta):
    loss = reference.get("loss", "huber")(reduction="none", delta=delta)
    e = np.array([[delta, -delta, np.nextafter(delta, 0), np.nextafter(delta, 10)]])
    values, cache = loss.forward(e, np.zeros_like(e))
    grad = loss.backward(np.ones_like(values), cache)
    np.testing.assert_allclose(values, 0.5 * delta * delta, rtol=1e-14)
    np.testing.assert_allclose(np.abs(grad), delta, rtol=1e-14)


def test_far_beyond_delta_is_linear():
    loss = reference.get("loss", "huber")(reduction="none", delta=0.3)
    values, cache = loss.forward(np.array([[1e4, -1e4]]), np.zeros((1, 2)))
    np.testing.assert_allclose(values, 0.3 * (1e4 - 0.15), rtol=1e-15)
    np.testing.assert_array_equal(loss.backward(np.ones((1, 2)), cache), [[0.3, -0.3]])
