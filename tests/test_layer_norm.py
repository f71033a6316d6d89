"""Layer normalization: each sample over its last k axes, its options and boundary, and what each
framework does with its own switches and hyperparameters."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip


def _ln(**kwargs):
    return reference.get("layer", "layer_norm")(**kwargs)


def test_each_sample_is_normalized_over_its_last_axes():
    rng = np.random.default_rng(0)
    ln = _ln(normalized_shape=(4, 5), epsilon=1e-12, center=False, scale=False)
    x = 3 + 2 * rng.standard_normal((2, 3, 4, 5))
    y = ln(x).reshape(2, 3, 20)
    np.testing.assert_allclose(y.mean(axis=-1), 0, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=-1), 1, rtol=1e-9)                     # biased: divides by D


def test_two_axes_are_one_axis_of_their_product():
    """normalized_shape (4, 5) is normalized_shape 20 on the reshaped input, γ and β reshaped alike."""
    rng = np.random.default_rng(1)
    two, one = _ln(normalized_shape=(4, 5)), _ln(normalized_shape=20)
    x, dy = rng.standard_normal((3, 4, 5)), rng.standard_normal((3, 4, 5))
    params = two.init_params(rng, 5)
    flat = {k: v.reshape(20) for k, v in params.items()}
    y, cache = two.forward(x, params)
    y1, cache1 = one.forward(x.reshape(3, 20), flat)
    np.testing.assert_allclose(y.reshape(3, 20), y1, rtol=1e-14)
    dx, grads = two.backward(dy, cache)
    dx1, grads1 = one.backward(dy.reshape(3, 20), cache1)
    np.testing.assert_allclose(dx.reshape(3, 20), dx1, rtol=1e-12, atol=1e-15)
    for k in grads:
        assert grads[k].shape == (4, 5)
        np.testing.assert_allclose(grads[k].reshape(20), grads1[k], rtol=1e-12)


@pytest.mark.parametrize("center,scale,names", [(True, True, {"gamma", "beta"}), (False, True, {"gamma"}),
                                                (True, False, {"beta"}), (False, False, set())])
def test_center_and_scale_choose_the_parameters(center, scale, names):
    ln = _ln(normalized_shape=4, center=center, scale=scale)
    assert set(ln.param_shapes(4)) == names


@pytest.mark.parametrize("kwargs,words", [
    ({"normalized_shape": 0}, ["normalized_shape=(0,)"]),
    ({"normalized_shape": ()}, ["normalized_shape=()"]),
    ({"normalized_shape": 4, "epsilon": -1.0}, ["epsilon=-1.0"]),
    ({"normalized_shape": 4, "scale": None}, ["scale=None"]),
])
def test_bad_arguments_are_named(kwargs, words):
    with pytest.raises(ValueError) as info:
        _ln(**kwargs)
    for w in words:
        assert w in str(info.value)


def test_an_input_not_ending_in_normalized_shape_is_named():
    ln = _ln(normalized_shape=(4, 5))
    params = ln.init_params(np.random.default_rng(2), 5)
    with pytest.raises(ValueError, match=r"normalized_shape=\(4, 5\)"):
        ln.forward(np.ones((3, 5, 5)), params)
    with pytest.raises(ValueError, match=r"normalized_shape=\(4, 5\)"):
        ln.forward(np.ones((4, 5)), params)                      # no batch axis


def test_torch_has_no_beta_without_gamma():
    load_or_skip("torch")
    from torch_impl.layers.layer_norm import build
    assert build(4, center=False).module.bias is None
    with pytest.raises(ValueError, match="no β without γ"):
        build(4, scale=False)


def test_keras_float64_uses_its_python_float_epsilon_exactly():
    """LayerNormalization adds its Python-float epsilon in the variance's dtype: the reference with the
    exact 1e-3 agrees at round-off, with f32(1e-3) it is 1.2e-8 (relative) away on features of σ = 0.03."""
    load_or_skip("keras")
    import keras
    import tensorflow as tf
    from tf_impl.runner import set_dtype
    set_dtype("float64")
    x = 0.03 * np.random.default_rng(3).standard_normal((16, 4))
    y = np.array(keras.layers.LayerNormalization(epsilon=1e-3)(tf.constant(x)))
    rel = {}
    for label, eps in (("exact", 1e-3), ("float32", float(np.float32(1e-3)))):
        want = _ln(normalized_shape=4, epsilon=eps)(x, {"gamma": np.ones(4), "beta": np.zeros(4)})
        rel[label] = np.abs(y - want).max() / np.abs(want).max()
    assert rel["exact"] < 1e-15 and rel["float32"] > 1e-8
