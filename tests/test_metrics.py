"""Metrics (family "metric"): the reference formulas on hand-worked data, the streamed result over any
batching equal to the full-data value, bad inputs named at the boundary, and each framework's metric
(Keras's update_state/result, torch's evaluation loop) against the reference."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from conformance.adapter import RunContext
from conformance.checkers.metric import batch_sizes
from conformance.inputs import draw
from reference.metrics.base import MetricState, streamed

FRAMEWORKS = ("torch", "keras")
DTYPES = ("float32", "float64")
NAMES = ("accuracy", "binary_accuracy", "mean_absolute_error")
NAN, INF = float("nan"), float("inf")


def _metric(name, **kwargs):
    return reference.get("metric", name)(**kwargs)


def _data(name, rng, n=11, dtype=np.float64):
    """Random (y_pred, y_true) of the kind ``name`` takes."""
    if name == "accuracy":
        return rng.standard_normal((n, 4)).astype(dtype), np.eye(4, dtype=dtype)[rng.integers(0, 4, n)]
    if name == "binary_accuracy":
        return rng.uniform(size=(n, 3)).astype(dtype), rng.integers(0, 2, (n, 3)).astype(dtype)
    return rng.standard_normal((n, 2)).astype(dtype), rng.standard_normal((n, 2)).astype(dtype)


# --- the formulas -----------------------------------------------------------------------------

def test_binary_accuracy_is_strictly_greater_than_the_threshold():
    y_pred = np.array([[0.9], [0.4], [0.5], [0.6], [NAN]])
    y_true = np.array([[1.0], [0.0], [1.0], [0.0], [0.0]])
    m = _metric("binary_accuracy")
    # 0.9 → 1 right, 0.4 → 0 right, 0.5 → 0 (not > 0.5) wrong, 0.6 → 1 wrong, NaN → 0 right
    np.testing.assert_array_equal(m.scores(y_pred, y_true), [1.0, 1.0, 0.0, 0.0, 1.0])
    assert m.value(y_pred, y_true) == 0.6
    assert _metric("binary_accuracy", threshold=0.45).value(y_pred, y_true) == 0.8      # 0.5 now predicts 1: right


def test_binary_accuracy_of_several_outputs_is_the_fraction_right_per_sample():
    y_pred = np.array([[0.9, 0.1, 0.8], [0.2, 0.7, 0.3]])
    y_true = np.array([[1.0, 1.0, 1.0], [0.0, 1.0, 0.0]])
    m = _metric("binary_accuracy")
    np.testing.assert_allclose(m.scores(y_pred, y_true), [2 / 3, 1.0])
    np.testing.assert_allclose(m.value(y_pred, y_true), 5 / 6)


def test_binary_accuracy_on_logits_with_threshold_zero():
    z = np.array([[-2.0], [0.0], [-0.0], [1e-300], [3.0]])
    y = np.array([[0.0], [1.0], [0.0], [1.0], [1.0]])
    np.testing.assert_array_equal(_metric("binary_accuracy", threshold=0.0).scores(z, y), [1, 0, 1, 1, 1])
    # the same as probabilities σ(z) against 0.5 (z = 0: σ = 0.5 predicts 0 in both)
    p = 1 / (1 + np.exp(-z))
    np.testing.assert_array_equal(_metric("binary_accuracy").scores(p[[0, 1, 2, 4]], y[[0, 1, 2, 4]]), [1, 0, 1, 1])


def test_binary_accuracy_compares_in_the_inputs_dtype():
    """t is rounded to y_pred's dtype: in float32 f32(0.3) is at the threshold; in float64 a value just
    above 0.3 but below f32(0.3) = 0.30000001192 predicts 1."""
    m = _metric("binary_accuracy", threshold=0.3)
    one = np.ones((1, 1))
    assert m.value(np.full((1, 1), 0.3, np.float32), one.astype(np.float32)) == 0.0
    assert m.value(np.full((1, 1), 0.3 + 1e-12), one) == 1.0
    assert m.value(np.full((1, 1), 0.3), one) == 0.0


def test_accuracy_takes_the_first_of_tied_maxima_and_nan_as_the_maximum():
    scores = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [INF, INF, 0.0], [NAN, 5.0, 1.0], [2.0, NAN, NAN],
                       [-INF, -INF, -INF], [0.1, 0.7, 0.2]])
    labels = np.eye(3)[[0, 1, 0, 0, 1, 0, 1]]
    np.testing.assert_array_equal(_metric("accuracy").scores(scores, labels), [1, 0, 1, 1, 1, 1, 1])


def test_accuracy_of_probabilities_and_of_their_logits_agree():
    rng = np.random.default_rng(3)
    z = rng.standard_normal((20, 5))
    y = np.eye(5)[rng.integers(0, 5, 20)]
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    m = _metric("accuracy")
    assert m.value(z, y) == m.value(p, y) == np.mean(z.argmax(1) == y.argmax(1))


def test_mean_absolute_error_is_the_mae_loss_value():
    rng = np.random.default_rng(4)
    y_pred, y_true = rng.standard_normal((7, 3, 2)), rng.standard_normal((7, 3, 2))
    m = _metric("mean_absolute_error")
    np.testing.assert_allclose(m.scores(y_pred, y_true), np.abs(y_pred - y_true).mean(axis=(1, 2)), rtol=1e-15)
    flat = (y_pred.reshape(7, 6), y_true.reshape(7, 6))
    np.testing.assert_allclose(m.value(y_pred, y_true), reference.get("loss", "mae")()(*flat), rtol=1e-15)
    assert np.isnan(m.value(np.array([[NAN, 1.0]]), np.zeros((1, 2))))
    assert m.value(np.array([[INF, 1.0]]), np.zeros((1, 2))) == INF


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_values_keep_the_inputs_dtype(name, dtype):
    m = _metric(name)
    y_pred, y_true = _data(name, np.random.default_rng(5), dtype=np.dtype(dtype))
    value = m.value(y_pred, y_true)
    assert value.shape == () and value.dtype == np.dtype(dtype)
    state = m.update(m.init(dtype), y_pred, y_true)
    assert state.total.dtype == np.dtype(dtype) and m.result(state).dtype == np.dtype(dtype)


# --- streaming ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("batch_size", [1, 3, 4, 11, 50])
def test_streamed_result_equals_the_full_data_value(name, batch_size):
    m = _metric(name)
    y_pred, y_true = _data(name, np.random.default_rng(6))
    full = m.value(y_pred, y_true)
    got = streamed(m, y_pred, y_true, batch_size)
    if name == "accuracy":
        assert got == full                                       # sums of 0 and 1: exact
    else:
        np.testing.assert_allclose(got, full, rtol=1e-14)       # sums of k/3 or |e| in another order


@pytest.mark.parametrize("name", NAMES)
def test_streamed_float32_result_is_within_a_few_ulps_of_the_exact_value(name):
    """The state's total is float32 in a float32 run (as Keras's variables): 1000 samples in batches of
    32 stay within 4 ulps of the float64 value of the same inputs."""
    m = _metric(name)
    y_pred, y_true = _data(name, np.random.default_rng(7), n=1000, dtype=np.float32)
    exact = float(m.value(y_pred.astype(np.float64), y_true.astype(np.float64)))
    got = float(streamed(m, y_pred, y_true, 32))
    assert abs(got - exact) <= 4 * np.spacing(np.float32(exact))


def test_update_returns_a_new_state_and_counts_samples():
    m = _metric("binary_accuracy")
    y_pred, y_true = np.array([[0.9], [0.1], [0.7]]), np.array([[1.0], [1.0], [1.0]])
    s0 = m.init()
    s1 = m.update(s0, y_pred, y_true)
    s2 = m.update(s1, y_pred[:1], y_true[:1])
    assert (s0.total, s0.count) == (0.0, 0) and (s1.total, s1.count) == (2.0, 3) and (s2.total, s2.count) == (3.0, 4)
    assert m.result(s2) == 0.75 and m.result(s2) == 0.75           # result reads, never changes the state


def test_ragged_catalog_cases_tell_a_weighted_mean_from_a_mean_of_batch_means():
    """The PyTorch tutorial's ``test_loss /= num_batches`` is a mean of the batches' means; on each
    ragged_batches case it differs from the data's value, so the case would catch that loop."""
    cases = [c for c in catalog.all_cases() if c.family == "metric" and c.desc == "ragged_batches"]
    assert {c.component for c in cases} == set(NAMES)
    for c in cases:
        rng = np.random.default_rng(c.seed)
        y_pred, y_true = draw(c.inputs["y_pred"], rng, "float64"), draw(c.inputs["y_true"], rng, "float64")
        m, b = _metric(c.component, **c.kwargs), c.setup["batch_size"]
        assert batch_sizes(len(y_pred), b)[-1] < b
        means = [m.value(y_pred[i:i + b], y_true[i:i + b]) for i in range(0, len(y_pred), b)]
        assert abs(np.mean(means) - streamed(m, y_pred, y_true, b)) > 0.01, c.id


def test_batch_sizes_of_the_checker():
    assert batch_sizes(10, 3) == [3, 3, 3, 1] and batch_sizes(12, 4) == [4, 4, 4] and batch_sizes(2, 5) == [2]


# --- bad inputs ---------------------------------------------------------------------------------

BAD_INPUTS = [   # (metric, y_pred, y_true, words the message must contain)
    ("mean_absolute_error", np.zeros(4), np.zeros(4), ["y_pred", "(4,)", "at least 2 dimensions"]),
    ("mean_absolute_error", np.zeros((0, 2)), np.zeros((0, 2)), ["y_pred", "(0, 2)", "at least one sample"]),
    ("mean_absolute_error", np.zeros((4, 2)), np.zeros((4, 1)), ["y_true", "(4, 1)", "expected (4, 2)"]),
    ("mean_absolute_error", np.zeros((4, 2)), np.zeros((4, 2), np.float32), ["y_true", "float32", "float64"]),
    ("mean_absolute_error", np.zeros((4, 2), np.int64), np.zeros((4, 2), np.int64), ["y_pred", "int64"]),
    ("mean_absolute_error", [[0.0, 1.0]], np.zeros((1, 2)), ["y_pred is a list", "NumPy array"]),
    ("binary_accuracy", np.zeros((3, 1)), np.array([[1.0], [0.5], [0.0]]), ["y_true[1, 0]=0.5", "0 or 1"]),
    ("binary_accuracy", np.zeros((3, 1)), np.array([[1.0], [0.0], [2.0]]), ["y_true[2, 0]=2.0", "0 or 1"]),
    ("binary_accuracy", np.zeros((2, 1)), np.array([[NAN], [0.0]]), ["y_true[0, 0]=nan", "0 or 1"]),
    ("binary_accuracy", np.zeros((3, 1)), np.ones((3, 1), np.int64), ["y_true", "int64"]),
    ("accuracy", np.zeros((2, 3, 2)), np.zeros((2, 3, 2)), ["y_pred", "(2, 3, 2)", "2 dimensions (N, K)"]),
    ("accuracy", np.zeros((3, 1)), np.ones((3, 1)), ["y_pred", "(3, 1)", "K >= 2", "binary_accuracy"]),
    ("accuracy", np.zeros((2, 3)), np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]), ["y_true[0] has 2 ones", "one-hot"]),
    ("accuracy", np.zeros((2, 3)), np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]), ["y_true[1] has 0 ones", "one-hot"]),
    ("accuracy", np.zeros((2, 3)), np.array([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0]]), ["y_true[0, 0]=0.5", "one-hot"]),
    ("accuracy", np.zeros((2, 3)), np.array([0, 1]), ["y_true", "int64"]),
]


@pytest.mark.parametrize("name,y_pred,y_true,words", BAD_INPUTS, ids=[f"{r[0]}-{i}" for i, r in enumerate(BAD_INPUTS)])
@pytest.mark.parametrize("entry", ["value", "update"])
def test_bad_inputs_are_named(name, y_pred, y_true, words, entry):
    m = _metric(name)
    with pytest.raises(ValueError) as info:
        if entry == "value":
            m.value(y_pred, y_true)
        else:
            m.update(m.init(np.float64 if np.asarray(y_pred).dtype != np.float32 else np.float32), y_pred, y_true)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_bad_states_and_batch_sizes_are_named():
    m = _metric("mean_absolute_error")
    x = np.zeros((2, 2))
    with pytest.raises(ValueError, match="state is a dict: expected the MetricState"):
        m.update({"total": 0.0, "count": 0}, x, x)
    with pytest.raises(ValueError, match=r"y_pred has dtype float64: expected float32, the dtype of the state"):
        m.update(m.init(np.float32), x, x)
    with pytest.raises(ValueError, match="state.count=0 is not allowed"):
        m.result(m.init())
    with pytest.raises(ValueError, match="dtype=int32 is not allowed: expected float32 or float64"):
        m.init("int32")
    with pytest.raises(ValueError, match="batch_size=0 is not allowed"):
        streamed(m, x, x, 0)
    assert isinstance(m.init(), MetricState)


# --- the frameworks ---------------------------------------------------------------------------------

METRIC_CASES = [c for c in catalog.all_cases() if c.family == "metric"]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_each_framework_matches_the_reference_on_every_case(framework, dtype):
    """Through the harness: the mapped run's value and streamed checks pass on every metric case (an
    irreducible record's cases report divergence instead), and each native run of a record shows it."""
    load_or_skip(framework)
    for case in METRIC_CASES:
        records = harness.run_case(case, framework, dtype)
        mapped = [r for r in records if not r.divergence]
        native = [r for r in records if r.divergence]
        assert {r.check for r in records} == {"value", "streamed"}, case.id
        assert all(r.status == "pass" for r in mapped), [(case.id, r.check, r.note) for r in mapped]
        assert all(r.status == "divergence" for r in native), case.id


@pytest.mark.parametrize("batch_size", [1, 3, 5, 12, 40])
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_framework_streams_like_the_reference_at_any_batch_size(framework, name, batch_size):
    fw = load_or_skip(framework)
    y_pred, y_true = _data(name, np.random.default_rng(8), n=12)
    m = _metric(name)
    got = fw.adapter.run_metric(RunContext("float64"), name, {}, y_pred, y_true, batch_size)
    np.testing.assert_allclose(got["value"], m.value(y_pred, y_true), rtol=1e-14)
    np.testing.assert_allclose(got["streamed"], streamed(m, y_pred, y_true, batch_size), rtol=1e-14)


def test_keras_mean_absolute_error_counts_a_rank1_batch_as_one_sample():
    """Why the reference takes (N, C): Keras's mean over the last axis turns a (B,) batch into one value,
    and its Mean counts it as one sample, so streaming (B,) batches averages the batches' means."""
    fw = load_or_skip("keras")
    y_pred, y_true = np.arange(10.0), np.zeros(10)
    m = fw.adapter.build(RunContext("float64"), "metric", "mean_absolute_error", {}).module
    for i in range(0, 10, 4):                                  # batches of 4, 4, 2
        m.update_state(y_true[i:i + 4], y_pred[i:i + 4])
    assert float(m.result()) == pytest.approx(np.mean([1.5, 5.5, 8.5]))     # not 4.5
    m.reset_state()
    for i in range(0, 10, 4):
        m.update_state(y_true[i:i + 4, None], y_pred[i:i + 4, None])
    assert float(m.result()) == pytest.approx(4.5)
    assert _metric("mean_absolute_error").value(y_pred[:, None], y_true[:, None]) == 4.5
