"""The reference optimizers themselves: the state API, dtypes, and the named formulations
(where two must agree, and where they must not). The trajectories against the frameworks are
in the catalog (tests/test_conformance.py)."""
import re

import numpy as np
import pytest

import reference

NAMES = reference.all_names("optimizer")


def _params(dtype="float64"):
    rng = np.random.default_rng(0)
    return {"w": rng.standard_normal((4, 3)).astype(dtype), "b": rng.standard_normal(3).astype(dtype)}


def _grads(n, dtype="float64", scale=1.0):
    rng = np.random.default_rng(1)
    return [{"w": (scale * rng.standard_normal((4, 3))).astype(dtype), "b": (scale * rng.standard_normal(3)).astype(dtype)}
            for _ in range(n)]


def _run(opt, n=20, dtype="float64", scale=1.0):
    params, state = _params(dtype), None
    state = opt.init(params)
    for g in _grads(n, dtype, scale):
        params, state = opt.update(g, state, params)
    return params, state


@pytest.mark.parametrize("name", NAMES)
def test_state_is_explicit_and_inputs_are_not_mutated(name):
    opt = reference.get("optimizer", name)()
    params = _params()
    before = {k: v.copy() for k, v in params.items()}
    state = opt.init(params)
    assert state["step"] == 0
    for slot in opt.slots():
        assert set(state[slot]) == set(params) and all(state[slot][k].shape == params[k].shape for k in params)
    new_params, new_state = opt.update(_grads(1)[0], state, params)
    assert new_state["step"] == 1 and state["step"] == 0
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])
        assert not np.array_equal(new_params[k], params[k])


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name):
    params, state = _run(reference.get("optimizer", name)(weight_decay=0.01), n=3, dtype="float32")
    assert all(p.dtype == np.float32 for p in params.values())
    for slot in reference.get("optimizer", name)().slots():
        assert all(a.dtype == np.float32 for a in state[slot].values())


@pytest.mark.parametrize("name,option,values", [
    ("adam", "epsilon_placement", ("after_correction", "before_correction")),
    ("adagrad", "epsilon_placement", ("outside_sqrt", "inside_sqrt")),
    ("rmsprop", "epsilon_placement", ("outside_sqrt", "inside_sqrt")),
    ("adamax", "epsilon_placement", ("in_max", "in_denominator")),
])
def test_epsilon_placements_agree_at_zero_and_part_with_tiny_gradients(name, option, values):
    a = _run(reference.get("optimizer", name)(epsilon=0.0, **{option: values[0]}))[0]
    b = _run(reference.get("optimizer", name)(epsilon=0.0, **{option: values[1]}))[0]
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=1e-12, atol=1e-14)
    a = _run(reference.get("optimizer", name)(epsilon=1e-7, **{option: values[0]}), scale=1e-6)[0]
    b = _run(reference.get("optimizer", name)(epsilon=1e-7, **{option: values[1]}), scale=1e-6)[0]
    assert max(np.abs(a[k] - b[k]).max() for k in a) > 1e-6


def test_momentum_forms_agree_for_a_constant_rate_and_part_under_a_schedule():
    sgd = reference.get("optimizer", "sgd")
    a = _run(sgd(momentum=0.9, momentum_form="gradient"))[0]
    b = _run(sgd(momentum=0.9, momentum_form="step"))[0]
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=1e-12, atol=1e-14)
    decay = reference.get("schedule", "exponential_decay")(initial_learning_rate=0.05, decay_rate=0.8)
    a = _run(sgd(learning_rate=decay, momentum=0.9, momentum_form="gradient"))[0]
    b = _run(sgd(learning_rate=decay, momentum=0.9, momentum_form="step"))[0]
    assert max(np.abs(a[k] - b[k]).max() for k in a) > 1e-3


def test_gradient_form_leaves_the_first_step_undamped():
    opt = reference.get("optimizer", "sgd")(learning_rate=0.1, momentum=0.9, dampening=0.5)
    params = {"p": np.array([1.0])}
    state = opt.init(params)
    params, state = opt.update({"p": np.array([2.0])}, state, params)
    assert state["momentum"]["p"][0] == 2.0 and params["p"][0] == pytest.approx(0.8)
    params, state = opt.update({"p": np.array([2.0])}, state, params)
    assert state["momentum"]["p"][0] == pytest.approx(0.9 * 2.0 + 0.5 * 2.0)


def test_adamw_is_adam_with_decoupled_decay():
    a = _run(reference.get("optimizer", "adamw")(weight_decay=0.1))[0]
    b = _run(reference.get("optimizer", "adam")(weight_decay=0.1, weight_decay_mode="decoupled"))[0]
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_adam_first_step_is_the_sign_of_the_gradient():
    opt = reference.get("optimizer", "adam")(learning_rate=0.01, epsilon=0.0)
    params = {"p": np.array([1.0, 1.0])}
    new, state = opt.update({"p": np.array([3.0, -1e-6])}, opt.init(params), params)
    np.testing.assert_allclose(new["p"], [0.99, 1.01], rtol=0, atol=1e-15)


def test_nadam_keeps_one_scalar_mu_product():
    opt = reference.get("optimizer", "nadam")(momentum_decay=1.0)
    _, state = _run(opt, n=3)
    mu = [0.9 * (1 - 0.5 * 0.96 ** t) for t in (1, 2, 3)]
    assert state["mu_product"] == pytest.approx(mu[0] * mu[1] * mu[2], rel=1e-15)


def test_amsgrad_keeps_the_running_maximum():
    opt = reference.get("optimizer", "adam")(amsgrad=True)
    _, state = _run(opt, n=10)
    for k in state["v"]:
        assert np.all(state["v_max"][k] >= state["v"][k])


def test_in_dtype_bias_correction_is_keras_float32_adam():
    """Keras Adam forms 1 − βᵗ from β cast to the variable's dtype: in float32, 1 − f32(0.999) is 1.3e-5
    relative below 1e-3. The option changes float32 only (in float64 the numbers are the same)."""
    from reference.optimizers.adam import bias_correction
    assert bias_correction(0.999, 1, np.float32, "in_dtype") == np.float32(1) - np.float32(0.999)
    assert abs(float(bias_correction(0.999, 1, np.float32, "in_dtype")) / 1e-3 - 1 + 1.29e-5) < 1e-7
    assert bias_correction(0.999, 7, np.float64, "in_dtype") == bias_correction(0.999, 7, np.float64, "exact")


def test_nadam_mu_base_changes_the_step_not_the_product():
    """Keras Nadam rounds the step's 0.96 through float32 (nadam.py:109) but not Π_t's (nadam.py:99)."""
    params, grads = {"w": np.ones(3)}, {"w": np.full(3, 0.5)}
    exact = reference.get("optimizer", "nadam")(momentum_decay=1.0)
    keras_like = reference.get("optimizer", "nadam")(momentum_decay=1.0, mu_base=float(np.float32(0.96)))
    p1, s1 = exact.update(grads, exact.init(params), params)
    p2, s2 = keras_like.update(grads, keras_like.init(params), params)
    assert s1["mu_product"] == s2["mu_product"]
    assert 0 < np.abs(p1["w"] - p2["w"]).max() < 1e-8


# Every branch of every rule: each optimizer's non-default settings (the conformance catalog's).
BRANCHES = [
    ("sgd", {}), ("sgd", {"momentum": 0.9}), ("sgd", {"momentum": 0.9, "nesterov": True}),
    ("sgd", {"momentum": 0.9, "dampening": 0.3}), ("sgd", {"momentum": 0.9, "momentum_form": "step"}),
    ("sgd", {"momentum": 0.9, "momentum_form": "step", "nesterov": True}),
    ("sgd", {"momentum": 0.8, "momentum_form": "step", "dampening": 0.2}),
    ("adam", {}), ("adam", {"amsgrad": True, "epsilon_placement": "before_correction", "bias_correction": "in_dtype"}),
    ("adamw", {}), ("adagrad", {"initial_accumulator_value": 0.1, "epsilon_placement": "inside_sqrt"}), ("adagrad", {}),
    ("adamax", {}), ("adamax", {"epsilon_placement": "in_denominator"}), ("adadelta", {}),
    ("rmsprop", {}), ("rmsprop", {"centered": True, "momentum": 0.5, "epsilon_placement": "inside_sqrt"}),
    ("rmsprop", {"momentum": 0.9, "momentum_form": "step"}), ("nadam", {}), ("nadam", {"beta_rounding": "in_dtype"}),
]


# adamw's decay is decoupled by definition: it takes no weight_decay_mode
IN_PLACE_CASES = [pytest.param(name, kwargs, decay, id=f"{name}-{i}-{decay}")
                  for i, (name, kwargs) in enumerate(BRANCHES)
                  for decay in ((None,) if name == "adamw" else (None, "coupled", "decoupled"))]


@pytest.mark.parametrize("name,kwargs,decay", IN_PLACE_CASES)
def test_in_place_writes_the_same_bits_into_the_given_arrays(name, kwargs, decay):
    """``in_place=True`` (torch's ``optimizer.step()``) gives the values of the pure update to the bit, written
    into the arrays passed in: the parameters' and the slots' arrays are the ones returned. The pure update
    leaves every array it was given (parameters and slots) as it was."""
    kwargs = {**kwargs, **({"weight_decay": 0.01, "weight_decay_mode": decay} if decay else {})}
    opt = reference.get("optimizer", name)(**kwargs)
    pure, in_place = _params("float32"), _params("float32")
    pure_state, state = opt.init(pure), opt.init(in_place)
    arrays = [*in_place.values(), *(a for s in opt.slots() for a in state[s].values())]
    for g in _grads(4, "float32"):
        given = [a.copy() for a in (*pure.values(), *(a for s in opt.slots() for a in pure_state[s].values()))]
        old = [*pure.values(), *(a for s in opt.slots() for a in pure_state[s].values())]
        pure, pure_state = opt.update(g, pure_state, pure)
        for a, b in zip(old, given):                                 # the pure update wrote into copies only
            np.testing.assert_array_equal(a, b, strict=True)
        in_place, state = opt.update(g, state, in_place, in_place=True)
        now = [*in_place.values(), *(a for s in opt.slots() for a in state[s].values())]
        assert len(now) == len(arrays) and all(a is b for a, b in zip(now, arrays))    # the arrays passed in
        for k in pure:
            np.testing.assert_array_equal(in_place[k], pure[k], strict=True)
            for s in opt.slots():
                np.testing.assert_array_equal(state[s][k], pure_state[s][k], strict=True)
        assert state["step"] == pure_state["step"]


@pytest.mark.parametrize("plant,message", [
    (lambda p, g, s: p["w"].setflags(write=False), "params['w'] is read-only: in_place=True writes"),
    (lambda p, g, s: s["momentum"].__setitem__("b", p["b"][:]), "params['b'] shares memory with state['momentum']['b']"),
    (lambda p, g, s: g.__setitem__("w", p["w"]), "params['w'] shares memory with grads['w']"),
])
def test_in_place_refuses_arrays_it_cannot_write_safely(plant, message):
    opt = reference.get("optimizer", "sgd")(momentum=0.9)
    params, grads = _params(), _grads(1)[0]
    state = opt.init(params)
    plant(params, grads, state)
    before = {k: v.copy() for k, v in params.items()}
    with pytest.raises(ValueError, match=re.escape(message)):
        opt.update(grads, state, params, in_place=True)
    for k in params:                                                # nothing half-written
        np.testing.assert_array_equal(params[k], before[k])
    with pytest.raises(ValueError, match="in_place='yes' is not allowed: expected True or False"):
        opt.update(grads, state, params, in_place="yes")
