"""Bad arguments to the reference's public methods (forward, backward, update, apply, sample, a
schedule's call): each raises ValueError naming the argument, the value or shape, and what is
allowed, where it used to compute garbage silently or fail deep in NumPy.

The dtype and shape rule (``reference/validate.py``): arrays are float32 or float64
(``reference.conventions.DTYPES``), never cast; arrays that meet have the same dtype and shape.
Rows are data: (id, call, words the message must contain).
"""
import math

import numpy as np
import pytest

import reference
from reference.schedules.base import PerEpoch

RNG = np.random.default_rng(0)
X = RNG.standard_normal((4, 3))


def get(kind, name, **kwargs):
    return reference.get(kind, name)(**kwargs)


def dense(**kw):
    return get("layer", "dense", in_features=3, units=2, **kw)


def dense_params(dtype=np.float64):
    return {"W": RNG.standard_normal((3, 2)).astype(dtype), "b": np.zeros(2, dtype)}


def maxout():
    return get("activation", "maxout", in_features=3, units=2, pieces=2)


def prelu():
    return get("activation", "prelu", num_parameters=3)


def optimizer_call(name="adam", grads=None, state=None, params=None, **kwargs):
    """update(grads, state, params) with one of the three replaced."""
    opt = get("optimizer", name, **kwargs)
    good = {"W": np.ones((3, 2)), "b": np.zeros(2)}
    params = good if params is None else params
    return lambda: opt.update(grads if grads is not None else {k: 0.1 * np.ones_like(p) for k, p in good.items()},
                              state if state is not None else opt.init(good), params)


def backward_of(module, x, params, dy):
    _, cache = module.forward(x, params)
    return module.backward(dy, cache)


ADAM_STATE = get("optimizer", "adam").init({"W": np.ones((3, 2)), "b": np.zeros(2)})

BAD = [
    # 1. integer and boolean arrays are rejected, not cast or truncated
    ("dense-int-x", lambda: dense()(np.ones((4, 3), int), dense_params()), ["x has dtype int64", "float32 or float64"]),
    ("dense-list-x", lambda: dense()([[1.0, 2.0, 3.0]], dense_params()), ["x is a list", "NumPy array"]),
    ("dense-int-W", lambda: dense()(X, {"W": np.ones((3, 2), int), "b": np.zeros(2)}),
     ["params['W'] has dtype int64", "float32 or float64"]),
    ("prelu-bool-x", lambda: prelu()(X > 0, {"alpha": np.full(3, 0.25)}), ["x has dtype bool", "float32 or float64"]),
    ("softmax-int-x", lambda: get("activation", "softmax")(np.arange(6).reshape(2, 3)), ["x has dtype int64"]),
    ("log_softmax-float16-x", lambda: get("activation", "log_softmax")(X.astype(np.float16)), ["x has dtype float16"]),
    ("maxout-int-x", lambda: maxout()(np.ones((4, 3), int), maxout().init_params(RNG, 3)), ["x has dtype int64"]),
    ("l1-int-W", lambda: get("regularizer", "l1")(np.array([[1, -2]])), ["W has dtype int64", "float32 or float64"]),
    ("l2-int-W", lambda: get("regularizer", "l2")(np.array([[1, -2]])), ["W has dtype int64"]),
    ("l1_l2-bool-W", lambda: get("regularizer", "l1_l2")(np.array([[True]])), ["W has dtype bool"]),
    ("max_norm-int-W", lambda: get("regularizer", "max_norm", max_value=1.0)(np.array([[3, 4]])),
     ["W has dtype int64", "float32 or float64"]),
    ("optimizer-int-params", optimizer_call(params={"W": np.ones((3, 2), int), "b": np.zeros(2)}),
     ["params['W'] has dtype int64"]),
    ("clipping-int-grads", lambda: get("clipping", "value")({"a": np.array([5, -5])}), ["grads['a'] has dtype int64"]),
    ("initializer-int-dtype", lambda: get("initializer", "zeros")((3, 2), None, np.int32),
     ["dtype=int32", "float32 or float64"]),
    # 2. shapes that would broadcast
    ("dense-W-transposed", lambda: dense()(X, {"W": np.ones((2, 3)), "b": np.zeros(2)}),
     ["params['W'] has shape (2, 3)", "expected (3, 2)"]),
    ("dense-b-column", lambda: dense()(X, {"W": np.ones((3, 2)), "b": np.zeros((2, 1))}),
     ["params['b'] has shape (2, 1)", "expected (2,)"]),
    ("dense-dy-shape", lambda: backward_of(dense(), X, dense_params(), np.ones((4, 1))),
     ["dy has shape (4, 1)", "expected (4, 2)"]),
    ("prelu-alpha-length", lambda: prelu()(X, {"alpha": np.full(2, 0.25)}),
     ["params['alpha'] has shape (2,)", "expected (3,)"]),
    ("prelu-dy-shape", lambda: backward_of(prelu(), X, {"alpha": np.full(3, 0.25)}, np.ones((4, 1))),
     ["dy has shape (4, 1)", "expected (4, 3)"]),
    ("maxout-b-shape", lambda: maxout()(X, {"W": np.ones((3, 4)), "b": np.zeros(2)}),
     ["params['b'] has shape (2,)", "expected (4,)"]),
    ("softmax-dy-shape", lambda: backward_of(get("activation", "softmax"), X, {}, np.ones(3)),
     ["dy has shape (3,)", "expected (4, 3)"]),
    ("optimizer-grad-shape", optimizer_call(grads={"W": np.ones((3, 2)), "b": np.ones((2, 1))}),
     ["grads['b'] has shape (2, 1)", "expected (2,)"]),
    ("optimizer-grad-scalar", optimizer_call("sgd", grads={"W": np.ones((3, 2)), "b": np.float64(1.0)}),
     ["grads['b'] has shape ()", "expected (2,)"]),
    ("optimizer-state-shape", optimizer_call(state={**ADAM_STATE, "m": {"W": np.zeros((3, 2)), "b": np.zeros(1)}}),
     ["state['m']['b'] has shape (1,)", "expected (2,)"]),
    # 3. a missing (or extra) parameter, gradient or state key
    ("dense-missing-b", lambda: dense()(X, {"W": np.ones((3, 2))}), ["params has keys 'W'", "missing 'b'", "'W', 'b'"]),
    ("dense-extra-b", lambda: dense(use_bias=False)(X, dense_params()), ["unexpected 'b'", "expected keys 'W'"]),
    ("prelu-no-params", lambda: prelu()(X), ["params has no keys", "missing 'alpha'"]),
    ("maxout-missing-W", lambda: maxout()(X, {"b": np.zeros(4)}), ["missing 'W'", "'W', 'b'"]),
    ("softmax-params", lambda: get("activation", "softmax")(X, {"W": np.ones(3)}), ["unexpected 'W'", "no keys"]),
    ("optimizer-missing-grad", optimizer_call(grads={"W": np.ones((3, 2))}),
     ["grads has keys 'W'", "missing 'b'", "the keys of params"]),
    ("optimizer-extra-grad", optimizer_call(grads={"W": np.ones((3, 2)), "b": np.ones(2), "c": np.ones(1)}),
     ["unexpected 'c'", "the keys of params"]),
    ("optimizer-missing-slot", optimizer_call(state={"step": 0, "m": ADAM_STATE["m"]}), ["state", "missing 'v'"]),
    ("optimizer-slot-missing-param", optimizer_call(state={**ADAM_STATE, "v": {"W": np.zeros((3, 2))}}),
     ["state['v'] has keys 'W'", "missing 'b'"]),
    ("nadam-missing-scalar", optimizer_call("nadam", state={"step": 0, "m": ADAM_STATE["m"], "v": ADAM_STATE["v"]}),
     ["missing 'mu_product'"]),
    ("optimizer-bad-step", optimizer_call(state={**ADAM_STATE, "step": -1}), ["state['step']=-1", ">= 0"]),
    ("optimizer-params-not-dict", lambda: get("optimizer", "sgd").init([np.ones(2)]), ["params is a list", "dict"]),
    # 4. softmax over nothing, max_norm's axis, schedules, initializers
    ("softmax-zero-features", lambda: get("activation", "softmax")(np.ones((4, 0))),
     ["x has shape (4, 0)", "at least one entry along axis=-1"]),
    ("log_softmax-zero-features", lambda: get("activation", "log_softmax", axis=0)(np.ones((0, 3))),
     ["x has shape (0, 3)", "axis=0"]),
    ("softmax-0d", lambda: get("activation", "softmax")(np.float64(1.0)), ["x has shape ()", "at least 1 dimension"]),
    ("max_norm-axis-beyond-W", lambda: get("regularizer", "max_norm", axis=5)(np.ones((3, 2))),
     ["axis=5", "W of shape (3, 2)", "[-2, 1]"]),
    ("max_norm-axis-twice", lambda: get("regularizer", "max_norm", axis=(0, -2)).norms(np.ones((3, 2))),
     ["axis=(0, -2)", "distinct"]),
    ("max_norm-axis-type", lambda: get("regularizer", "max_norm", axis="0"), ["axis='0'", "integer"]),
    ("piecewise-boundaries-int", lambda: get("schedule", "piecewise_constant", boundaries=30),
     ["boundaries=30", "list or tuple of integers"]),
    ("piecewise-values-str", lambda: get("schedule", "piecewise_constant", boundaries=(), values="0.1"),
     ["values='0.1'", "list or tuple"]),
    ("piecewise-boundary-item", lambda: get("schedule", "piecewise_constant", boundaries=(10, 2.5)),
     ["boundaries[1]=2.5", "integer"]),
    ("exponential-overflow", lambda: get("schedule", "exponential_decay", decay_rate=2)(20000),
     ["count=20000", "decay_rate=2.0", "overflows"]),
    ("step_decay-overflow", lambda: get("schedule", "step_decay", gamma=10.0, step_size=1)(400),
     ["count=400", "gamma=10.0", "overflows"]),
    ("restarts-overflow", lambda: get("schedule", "cosine_decay_restarts", first_decay_steps=1, t_mul=1.0,
                                      m_mul=2.0)(5000), ["count=5000", "m_mul=2.0", "overflows"]),
    *[(f"{name}-negative-count", (lambda n: lambda: get("schedule", n)(-5))(name), ["count=-5", "integer >= 0"])
      for name in reference.all_names("schedule")],
    *[(f"{name}-fractional-count", (lambda n: lambda: get("schedule", n)(2.5))(name), ["count=2.5", "integer >= 0"])
      for name in reference.all_names("schedule")],
    ("per_epoch-negative-count", lambda: PerEpoch(get("schedule", "step_decay"), 3)(-1),
     ["count=-1"]),
    ("optimizer-schedule-count", optimizer_call("sgd", learning_rate=get("schedule", "step_decay"),
                                                state={"step": 1.5}), ["state['step']=1.5", "integer"]),
    ("initializer-rng-None", lambda: get("initializer", "glorot_uniform")((3, 2), None),
     ["rng=None", "numpy.random.Generator"]),
    ("initializer-rng-seed", lambda: get("initializer", "orthogonal").sample((3, 2), 0), ["rng=0"]),
    ("initializer-negative-shape", lambda: get("initializer", "random_normal")((3, -2), RNG),
     ["shape=(3, -2)", "integers >= 1"]),
    ("initializer-int-shape", lambda: get("initializer", "he_normal")(30, RNG), ["shape=30", "list or tuple"]),
    ("initializer-zero-shape", lambda: get("initializer", "ones")((0, 3), None), ["shape=(0, 3)", ">= 1"]),
    ("fans-negative", lambda: get("initializer", "he_normal").fans((3, -1)), ["shape=(3, -1)"]),
    # 5. mixed dtypes: parameters (and dy, grads, state) must have x's (the parameter's) dtype
    ("dense-f32-x-f64-W", lambda: dense()(X.astype(np.float32), dense_params(np.float64)),
     ["params['W'] has dtype float64", "expected float32, the dtype of x"]),
    ("prelu-f64-x-f32-alpha", lambda: prelu()(X, {"alpha": np.full(3, 0.25, np.float32)}),
     ["params['alpha'] has dtype float32", "expected float64"]),
    ("dense-dy-dtype", lambda: backward_of(dense(), X, dense_params(), np.ones((4, 2), np.float32)),
     ["dy has dtype float32", "expected float64"]),
    ("optimizer-grad-dtype", optimizer_call(grads={"W": np.ones((3, 2), np.float32), "b": np.ones(2)}),
     ["grads['W'] has dtype float32", "expected float64, the dtype of params['W']"]),
    ("optimizer-state-dtype", optimizer_call(state={**ADAM_STATE, "v": {"W": np.zeros((3, 2), np.float32),
                                                                      "b": np.zeros(2)}}),
     ["state['v']['W'] has dtype float32", "params['W']"]),
]


@pytest.mark.parametrize("call,words", [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_bad_call_is_named(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


# --- what stays allowed -------------------------------------------------------------------

@pytest.mark.parametrize("count", [3, np.int64(3), np.uint8(3), np.int32(3)])
@pytest.mark.parametrize("name", reference.all_names("schedule"))
def test_schedules_accept_numpy_integer_counts(name, count):
    value = get("schedule", name)(count)
    assert type(value) is float and value == get("schedule", name)(3)


def test_a_shrinking_schedule_stays_finite_at_any_count():
    assert get("schedule", "exponential_decay", decay_rate=0.5)(10 ** 6) == 0.0
    assert get("schedule", "exponential_decay", decay_rate=2.0)(10) == 0.01 * 2.0 ** 10


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_one_dtype_in_is_that_dtype_out(dtype):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 3)).astype(dtype)
    for module, params in [(dense(), dense_params(dtype)), (prelu(), {"alpha": np.full(3, 0.25, dtype)}),
                           (maxout(), maxout().init_params(rng, 3, dtype)),
                           (get("activation", "softmax"), {}), (get("activation", "log_softmax"), {})]:
        y, cache = module.forward(x, params)
        dx, dparams = module.backward(np.ones_like(y), cache)
        assert y.dtype == dx.dtype == dtype and all(g.dtype == dtype for g in dparams.values())
    opt = get("optimizer", "adam")
    p = {"W": x}
    new, state = opt.update({"W": np.ones_like(x)}, opt.init(p), p)
    assert new["W"].dtype == state["m"]["W"].dtype == dtype
    assert get("initializer", "glorot_uniform")([3, 2], rng, "float32").dtype == np.float32


# --- 6. clipping by norm with a NaN (or inf) gradient entry -------------------------------

def _grads():
    return {"a": np.array([np.nan, 1.0]), "b": np.array([3.0, 4.0])}


@pytest.mark.parametrize("max_norm", [1.0, 1e9])
def test_a_nan_gradient_makes_every_globally_clipped_tensor_nan(max_norm):
    """g·min(1, c/‖g‖) with ‖g‖ = NaN is NaN everywhere (Python's min(1.0, nan) is 1.0, which left
    every other tensor unclipped); torch clip_grad_norm_ and Keras global_clipnorm agree."""
    out = get("clipping", "global_norm", max_norm=max_norm)(_grads())
    assert all(np.isnan(g).all() for g in out.values())


def test_per_tensor_clipping_makes_only_the_nan_tensor_nan():
    out = get("clipping", "per_tensor_norm", max_norm=1.0)(_grads())
    assert np.isnan(out["a"]).all()
    np.testing.assert_allclose(out["b"], [0.6, 0.8], rtol=1e-15)


def test_an_inf_gradient_zeroes_the_finite_entries():
    """‖g‖ = inf gives s = 0: finite entries 0, the inf entry inf·0 = NaN (as torch; Keras's
    global_clipnorm makes every entry NaN, recorded in the report)."""
    grads = {"a": np.array([np.inf, 1.0]), "b": np.array([3.0, 4.0])}
    with np.errstate(invalid="ignore"):
        out = get("clipping", "global_norm", max_norm=1.0)(grads)
    assert math.isnan(out["a"][0]) and out["a"][1] == 0.0
    np.testing.assert_array_equal(out["b"], [0.0, 0.0])
