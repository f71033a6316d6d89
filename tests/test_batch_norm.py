"""Batch normalization: the formula and the state the reference keeps (momentum form, unbiased running
variance, the cumulative average), the boundary of its stateful API, the rounding bound its float32
checks carry, and what each framework does with its own hyperparameters."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import bounds


def _bn(**kwargs):
    return reference.get("layer", "batch_norm")(**{"features": 3, **kwargs})


def _params(rng, c=3, dtype=np.float64):
    return {"gamma": (1 + 0.5 * rng.standard_normal(c)).astype(dtype),
            "beta": (0.5 * rng.standard_normal(c)).astype(dtype)}


@pytest.mark.parametrize("shape", [(10, 3), (4, 5, 3), (2, 3, 4, 3)])
def test_training_normalizes_each_feature_over_every_other_axis(shape):
    rng = np.random.default_rng(0)
    bn, params = _bn(epsilon=1e-12), _params(rng)
    x = 2 + 3 * rng.standard_normal(shape)
    y, _, _ = bn.forward(x, params, bn.init_state(3), training=True)
    flat = y.reshape(-1, 3)
    np.testing.assert_allclose(flat.mean(axis=0), params["beta"], atol=1e-12)
    np.testing.assert_allclose(flat.std(axis=0), np.abs(params["gamma"]), rtol=1e-9)    # biased: divides by M


def test_running_statistics_keep_momentum_and_take_the_unbiased_variance():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 3))
    state0 = {"running_mean": rng.standard_normal(3), "running_var": 1 + rng.random(3)}
    for unbiased, factor in ((True, 6 / 5), (False, 1.0)):
        bn = _bn(momentum=0.8, unbiased_running_var=unbiased)
        _, state, _ = bn.forward(x, _params(rng), state0, training=True)
        np.testing.assert_allclose(state["running_mean"], 0.8 * state0["running_mean"] + 0.2 * x.mean(axis=0),
                                   rtol=1e-14)
        np.testing.assert_allclose(state["running_var"], 0.8 * state0["running_var"] + 0.2 * factor * x.var(axis=0),
                                   rtol=1e-14)


def test_momentum_none_is_the_average_of_every_batch():
    rng = np.random.default_rng(2)
    bn = _bn(momentum=None)
    state, batches = bn.init_state(3), [rng.standard_normal((5, 3)) + i for i in range(4)]
    assert state["count"].dtype == np.int64 and state["count"] == 0
    for x in batches:
        _, state, _ = bn.forward(x, _params(rng), state, training=True)
    assert state["count"] == 4
    np.testing.assert_allclose(state["running_mean"], np.mean([x.mean(axis=0) for x in batches], axis=0), rtol=1e-14)
    np.testing.assert_allclose(state["running_var"], np.mean([x.var(axis=0, ddof=1) for x in batches], axis=0),
                               rtol=1e-14)


def test_evaluation_uses_the_running_statistics_and_leaves_the_state_alone():
    rng = np.random.default_rng(3)
    bn, params = _bn(), _params(rng)
    state = {"running_mean": rng.standard_normal(3), "running_var": 1 + rng.random(3)}
    before = {k: v.copy() for k, v in state.items()}
    x = rng.standard_normal((4, 3))
    y, new_state, _ = bn.forward(x, params, state, training=False)
    want = params["gamma"] * (x - state["running_mean"]) / np.sqrt(state["running_var"] + 1e-5) + params["beta"]
    np.testing.assert_allclose(y, want, rtol=1e-14)
    for k in state:
        np.testing.assert_array_equal(new_state[k], before[k])
        np.testing.assert_array_equal(state[k], before[k])          # the input state is not mutated
    _, trained, _ = bn.forward(x, params, state, training=True)
    np.testing.assert_array_equal(state["running_mean"], before["running_mean"])
    assert not np.array_equal(trained["running_mean"], before["running_mean"])


def test_no_affine_has_no_parameters_and_no_parameter_gradients():
    rng = np.random.default_rng(4)
    bn = _bn(center=False, scale=False)
    assert bn.param_shapes(3) == {} and bn.init_params(rng, 3) == {}
    x = rng.standard_normal((5, 3))
    y, _, cache = bn.forward(x, {}, bn.init_state(3), training=True)
    dx, grads = bn.backward(rng.standard_normal(y.shape), cache)
    assert grads == {} and dx.shape == x.shape


@pytest.mark.parametrize("kwargs,words", [
    ({"features": 0}, ["features=0"]),
    ({"momentum": 1.5}, ["momentum=1.5"]),
    ({"epsilon": 0.0}, ["epsilon=0.0"]),
    ({"center": 1}, ["center=1"]),
    ({"unbiased_running_var": "yes"}, ["unbiased_running_var='yes'"]),
])
def test_bad_arguments_are_named(kwargs, words):
    with pytest.raises(ValueError) as info:
        _bn(**kwargs)
    for w in words:
        assert w in str(info.value)


def test_bad_state_and_inputs_are_named():
    rng = np.random.default_rng(5)
    bn, params = _bn(), _params(rng)
    x = rng.standard_normal((4, 3))
    state = bn.init_state(3)
    with pytest.raises(ValueError, match="missing 'running_var'"):
        bn.forward(x, params, {"running_mean": state["running_mean"]})
    with pytest.raises(ValueError, match="state\\['running_var'\\] has dtype float32"):
        bn.forward(x, params, {**state, "running_var": state["running_var"].astype(np.float32)})
    with pytest.raises(ValueError, match="count"):
        _bn(momentum=None).forward(x, params, {**state, "count": np.float64(0)}, training=True)
    with pytest.raises(ValueError, match="features=3"):
        bn.forward(rng.standard_normal((4, 2)), params, state)
    with pytest.raises(ValueError, match="more than one value per feature"):
        bn.forward(x[:1], params, state, training=True)
    bn.forward(x[:1], params, state, training=False)             # evaluation of one sample is fine
    with pytest.raises(ValueError, match="expected 4 dimensions"):
        reference.get("layer", "batch_norm_2d")(features=3).forward(x, params, state, training=True)


def test_one_dtype_in_is_that_dtype_out():
    rng = np.random.default_rng(6)
    bn = _bn()
    x, params = rng.standard_normal((4, 3)).astype(np.float32), _params(rng, dtype=np.float32)
    y, state, cache = bn.forward(x, params, bn.init_state(3, np.float32), training=True)
    dx, grads = bn.backward(np.ones_like(y), cache)
    assert {a.dtype for a in (y, dx, *state.values(), *grads.values())} == {np.dtype(np.float32)}


# --- the float32 rounding bound (conformance/bounds.py) ------------------------------------------------------

def _tf_form(x, params, dy, eps):
    """Batch normalization in float32 as tf.nn.batch_normalization writes it, x·inv + (β − μ·inv), with the
    gradients its autodiff forms (Σ dy·x − μ·Σ dy for γ): another correct implementation, another rounding."""
    f = np.float32
    mean = x.mean(axis=0)
    var = np.square(x - mean).mean(axis=0)
    rs = f(1) / np.sqrt(var + f(eps))
    inv = rs * params["gamma"]
    y = x * inv + (params["beta"] - mean * inv)
    dgamma = ((dy * x).sum(axis=0) - mean * dy.sum(axis=0)) * rs
    return y, dgamma


@pytest.mark.parametrize("loc", [0.0, 3.0, 30.0])
def test_float32_forms_stay_inside_the_rounding_bound(loc):
    """The reference's and TF's float32 forms both lie within the bound of the float64 value (each
    within half of it), also where |μ| ≫ σ makes them cancel differently."""
    rng = np.random.default_rng(7)
    bn = _bn(features=4)
    x64, dy64 = loc + 0.5 * rng.standard_normal((64, 4)), rng.standard_normal((64, 4))
    p64 = _params(rng, 4)
    x, dy, p = x64.astype(np.float32), dy64.astype(np.float32), {k: v.astype(np.float32) for k, v in p64.items()}
    exact_y, _, cache = bn.forward(x.astype(np.float64), p64 | {k: v.astype(np.float64) for k, v in p.items()},
                                   bn.init_state(4), training=True)
    exact_dx, exact_g = bn.backward(dy.astype(np.float64), cache)
    bound = {k: v[0] for k, v in bounds.batch_norm_steps(bn, [x], p, [dy], x, "float32").items()}
    ref_y, _, ref_cache = bn.forward(x, p, bn.init_state(4, np.float32), training=True)
    ref_dx, ref_g = bn.backward(dy, ref_cache)
    tf_y, tf_dgamma = _tf_form(x, p, dy, 1e-5)
    for got, want, b in ((ref_y, exact_y, bound["forward"]), (tf_y, exact_y, bound["forward"]),
                         (ref_dx, exact_dx, bound["grad_input"]),
                         (ref_g["gamma"], exact_g["gamma"], bound["grad_param:gamma"]),
                         (tf_dgamma, exact_g["gamma"], bound["grad_param:gamma"])):
        assert np.all(np.abs(got.astype(np.float64) - want) <= b / 2)


# --- the frameworks ------------------------------------------------------------------------------------------

def test_torch_momentum_is_the_new_batch_weight():
    load_or_skip("torch")
    from torch_impl.layers.batch_norm import build, torch_momentum
    assert torch_momentum(0.9) == pytest.approx(0.1) and torch_momentum(None) is None
    assert build(3).module.momentum == pytest.approx(0.1)
    assert build(3, momentum=None).module.momentum is None
    with pytest.raises(ValueError, match="affine"):
        build(3, center=False)


def test_keras_float64_uses_its_python_float_hyperparameters_exactly():
    """Keras's momentum and epsilon enter float64 arithmetic exactly (tensor * 0.99 converts 0.99 to the
    tensor's dtype): its output is the reference's with the exact values, and 1.4e-8 (relative) away from
    the reference with float32-rounded ones on features of σ = 0.03, where ε matters."""
    load_or_skip("keras")
    import keras
    import tensorflow as tf
    from tf_impl.runner import set_dtype
    set_dtype("float64")
    x = 0.03 * np.random.default_rng(8).standard_normal((16, 4))
    layer = keras.layers.BatchNormalization(epsilon=1e-3, momentum=0.99)
    y = np.array(layer(tf.constant(x), training=True))
    errors = {}
    for label, eps, mom in (("exact", 1e-3, 0.99), ("float32", float(np.float32(1e-3)), float(np.float32(0.99)))):
        bn = _bn(features=4, momentum=mom, epsilon=eps, unbiased_running_var=False)
        want, state, _ = bn.forward(x, {"gamma": np.ones(4), "beta": np.zeros(4)}, bn.init_state(4), training=True)
        errors[label] = (np.abs(y - want).max() / np.abs(want).max(),
                         np.abs(layer.moving_variance.numpy() - state["running_var"]).max())
    assert errors["exact"][0] < 1e-15 and errors["exact"][1] < 1e-18
    assert errors["float32"][0] > 1e-8 and errors["float32"][1] > 1e-9


def test_a_case_runs_keras_as_a_channels_first_user(monkeypatch):
    """setup["variants"] = {"keras": "channels_first"}: the mapped Keras run is BatchNormalization(axis=1)
    given (N, C, H, W), and it agrees with the reference as the channels-last layer does."""
    load_or_skip("keras")
    from conformance import catalog, harness
    from tf_impl.registry import REGISTRY
    impl = REGISTRY.get("layer", "batch_norm_2d")
    original, built = impl.variants["channels_first"], []
    monkeypatch.setitem(impl.variants, "channels_first", lambda **kw: built.append(original(**kw)) or built[-1])
    case = catalog.select(["batch_norm_2d[keras_channels_first]"])[0]
    records = harness.run_case(case, "keras", "float64", with_divergences=False)
    assert [(b.module.axis, b.input_layout) for b in built] == [(1, "channels_first")]
    assert records and all(r.status == "pass" for r in records), [(r.check, r.status, r.note) for r in records]
