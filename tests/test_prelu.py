"""PReLU: each framework's own default initial α and sharing, which the harness cannot show
(it sets α from its own draw), and the gradient at the kink."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext


@pytest.fixture
def torch64():
    """torch with float64 as its default dtype for one test; the previous default is restored."""
    load_or_skip("torch")
    import torch
    saved = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield torch
    finally:
        torch.set_default_dtype(saved)


def _x(shape, seed=0):
    return np.random.default_rng(seed).normal(scale=2.0, size=shape)


def test_reference_starts_at_init():
    ref = reference.get("activation", "prelu")(num_parameters=5, init=0.1)
    np.testing.assert_array_equal(ref.start_params(5)["alpha"], np.full(5, 0.1))


def test_torch_default_alpha_is_one_shared_quarter(torch64):
    torch = torch64
    fw = load_or_skip("torch")
    assert torch.nn.PReLU().weight.detach().numpy().tolist() == [0.25]
    assert torch.nn.PReLU(5).weight.detach().numpy().tolist() == [0.25] * 5
    built = fw.adapter.build(RunContext("float64"), "activation", "prelu", {"num_parameters": 5, "init": 0.1})
    assert built.module.inner.weight.detach().numpy().tolist() == [0.1] * 5      # exact in float64


def test_keras_default_alpha_is_zero_per_element():
    fw = load_or_skip("keras")
    import keras
    fw.adapter.build(RunContext("float64"), "activation", "identity", {})
    layer = keras.layers.PReLU()
    layer.build((None, 3, 5))
    assert layer.alpha.shape == (3, 5)                 # one α per element of input_shape[1:]
    assert not np.any(layer.alpha.numpy())           # all start at 0: a ReLU
    # A Python-float Constant goes through float32 (docs/findings.md); the builder passes np.float64.
    rounded = keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.1))
    rounded.build((None, 5))
    assert float(rounded.alpha.numpy()[0]) == float(np.float32(0.1)) != 0.1


@pytest.mark.parametrize("num_parameters,shape", [(1, (4, 3, 5)), (5, (4, 3, 5)), (5, (4, 5))])
def test_keras_builder_starts_at_init_with_the_reference_shape(num_parameters, shape):
    fw = load_or_skip("keras")
    built = fw.adapter.build(RunContext("float64"), "activation", "prelu", {"num_parameters": num_parameters, "init": 0.1})
    built.module.build(shape)
    alpha = built.module.inner.alpha.numpy()
    assert alpha.shape == (num_parameters,)
    assert alpha.tolist() == [0.1] * num_parameters                  # exact: np.float64(init)


def test_default_layers_differ_by_the_initial_slope(torch64):
    """torch ``nn.PReLU()`` vs Keras ``PReLU()`` as each framework builds them: the measured
    gap is 0.25·|x| at the most negative x, because Keras starts as a ReLU."""
    torch = torch64
    load_or_skip("keras").adapter.build(RunContext("float64"), "activation", "identity", {})
    import keras
    x = _x((4, 3, 5))
    y_torch = torch.nn.PReLU()(torch.from_numpy(x)).detach().numpy()
    y_keras = np.array(keras.layers.PReLU()(x))
    ref = reference.get("activation", "prelu")()
    np.testing.assert_allclose(y_torch, ref(x, ref.start_params(5)), rtol=0, atol=1e-15)
    np.testing.assert_array_equal(y_keras, np.maximum(x, 0))
    assert np.max(np.abs(y_torch - y_keras)) == pytest.approx(0.25 * -x.min(), rel=1e-15)


def test_keras_per_element_alpha_learns_one_slope_per_element():
    """On (N, T, F) Keras's default α is (T, F). Set to the reference's per-feature α it gives
    the same output, but its gradient is per element: summed over T it is the reference's."""
    fw = load_or_skip("keras")
    import keras
    import tensorflow as tf
    fw.adapter.build(RunContext("float64"), "activation", "identity", {})
    x, dy = _x((4, 3, 5)), _x((4, 3, 5), seed=1)
    ref = reference.get("activation", "prelu")(num_parameters=5)
    alpha = np.linspace(0.1, 0.5, 5)
    layer = keras.layers.PReLU()
    layer.build(x.shape)
    layer.alpha.assign(np.tile(alpha, (3, 1)))
    with tf.GradientTape() as tape:
        y = layer(x)
    dalpha = np.array(tape.gradient(y, layer.alpha, output_gradients=tf.constant(dy)))
    y_ref, cache = ref.forward(x, {"alpha": alpha})
    np.testing.assert_allclose(np.array(y), y_ref, rtol=1e-15, atol=1e-15)
    assert dalpha.shape == (3, 5)
    np.testing.assert_allclose(dalpha.sum(axis=0), ref.backward(dy, cache)[1]["alpha"], rtol=1e-12)
    assert np.ptp(dalpha, axis=0).max() > 0.1          # the T slopes of one feature would drift apart


def test_torch_indexes_alpha_on_dim_1(torch64):
    """``nn.PReLU(C)`` on (N, T, F) uses α[t]: a shape error when T != F, a silent
    misindexing when T == F (the harness's prelu[3d_per_feature] native run measures it)."""
    torch = torch64
    with pytest.raises(RuntimeError):
        torch.nn.PReLU(5)(torch.from_numpy(_x((4, 3, 5))))
    prelu = torch.nn.PReLU(5)
    alpha = np.linspace(0.1, 0.5, 5)
    with torch.no_grad():
        prelu.weight.copy_(torch.from_numpy(alpha))
    x = _x((4, 5, 5))
    ref = reference.get("activation", "prelu")(num_parameters=5)
    y_dim1 = ref(x.swapaxes(1, 2), {"alpha": alpha}).swapaxes(1, 2)     # α along axis 1
    np.testing.assert_allclose(prelu(torch.from_numpy(x)).detach().numpy(), y_dim1, rtol=1e-15)


def test_gradient_at_zero_is_alpha_in_torch_and_zero_in_keras():
    """torch's kernel takes x > 0 ? 1 : α; Keras computes relu(x) − α·relu(−x), whose derivative
    at 0 is 0 + 0. The reference names both as ``grad_at_zero`` ("alpha", the default, as torch
    and LeakyReLU in both; "zero" as Keras); the harness maps Keras with "zero" on prelu[kink]."""
    x = np.array([[-2.0, 0.0, 3.0]])
    alpha = np.array([0.1, 0.2, 0.3])
    params, dy = {"alpha": alpha}, np.array([[1.0, 2.0, 3.0]])
    want = {"alpha": [[0.1, 0.4, 3.0]], "zero": [[0.1, 0.0, 3.0]]}
    for grad_at_zero in ("alpha", "zero"):
        ref = reference.get("activation", "prelu")(num_parameters=3, grad_at_zero=grad_at_zero)
        _, cache = ref.forward(x, params)
        dx, dparams = ref.backward(dy, cache)
        np.testing.assert_array_equal(dx, want[grad_at_zero])
        np.testing.assert_array_equal(dparams["alpha"], [-2.0, 0.0, 0.0])     # x = 0 adds x·dy = 0 to dα
    got = {fw: load_or_skip(fw).adapter.run_module(RunContext("float64"), "activation", "prelu", {"num_parameters": 3}, x, params, dy, False) for fw in ("torch", "keras")}
    np.testing.assert_array_equal(got["torch"]["grad_input"], want["alpha"])
    np.testing.assert_array_equal(got["keras"]["grad_input"], want["zero"])
    for fw in ("torch", "keras"):
        np.testing.assert_array_equal(got[fw]["grad_params"]["alpha"], [-2.0, 0.0, 0.0])


def test_grad_at_zero_leaves_the_forward_pass_alone():
    x, params = _x((4, 6)), {"alpha": np.linspace(0.1, 0.6, 6)}
    x[0, :3] = 0.0
    alpha, zero = (reference.get("activation", "prelu")(num_parameters=6, grad_at_zero=g) for g in ("alpha", "zero"))
    np.testing.assert_array_equal(alpha(x, params), zero(x, params))
