"""±inf and NaN inputs: the reference's convention (reference/activations/nonfinite.py), the
values that were wrong before it, the label draws the catalog's rows were written for, and the
records of conformance/divergences/nonfinite.py (each must show its effect).

Convention: at ±inf the true limit where one exists, NaN where none does; NaN propagates to
the output and the gradient. The expected values below are limits worked out by hand: e.g.
relu(−inf) = max(−inf, 0) = 0; bce_with_logits at z = −inf, y = 0 is lim log(1 + e^z) = 0.
"""
import math
import warnings

import numpy as np
import pytest

import reference
from conformance import catalog, harness
from conformance.cases import nonfinite as cases
from conformance.divergences import nonfinite as records
from conformance.inputs import draw
from conftest import load_or_skip

INF, NAN = math.inf, math.nan
DTYPES = ["float32", "float64"]


def _act(name, x, dy=None, **kwargs):
    m = reference.get("activation", name)(**kwargs)
    y, cache = m.forward(x, {})
    return y, (m.backward(np.ones_like(x) if dy is None else dy, cache)[0] if m.differentiable else None)


def _loss(name, y_pred, y_true, **kwargs):
    loss = reference.get("loss", name)(reduction="none", **kwargs)
    values, cache = loss.forward(y_pred, y_true)
    return values, loss.backward(np.ones_like(values), cache)


# --- limits at ±inf ----------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_relu_at_minus_inf_is_zero(dtype):
    """x·[x > 0] was −inf·0 = NaN at −inf; torch and Keras give 0."""
    y, dx = _act("relu", np.array([[-INF, INF]], dtype=dtype))
    np.testing.assert_array_equal(y, [[0.0, INF]])
    np.testing.assert_array_equal(dx, [[0.0, 1.0]])
    assert y.dtype == dx.dtype == dtype


# (z, y, ℓ, dℓ/dz): ℓ = max(z, 0) − z·y + log1p(e^−|z|) in the limit, dℓ/dz = σ(z) − y
BCE_LOGITS = [(-INF, 0.0, 0.0, 0.0), (-INF, 1.0, INF, -1.0), (-INF, 0.3, INF, -0.3),
              (INF, 0.0, INF, 1.0), (INF, 1.0, 0.0, 0.0), (INF, 0.3, INF, 0.7)]


@pytest.mark.parametrize("dtype", DTYPES)
def test_bce_with_logits_at_infinite_logits(dtype):
    """z = −inf, y = 0 was −z·y = inf·0 = NaN; the limit is 0 (as z = +inf, y = 1)."""
    z, y, want, want_grad = (np.array([[row[i] for row in BCE_LOGITS]], dtype=dtype) for i in range(4))
    values, grad = _loss("bce_with_logits", z, y)
    np.testing.assert_array_equal(values, want)
    np.testing.assert_allclose(grad, want_grad, rtol=1e-7)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,kwargs", [("gelu", {}), ("gelu", {"approximate": "tanh"}), ("silu", {})],
                         ids=["gelu", "gelu_tanh", "silu"])
def test_gated_activations_at_infinity(name, kwargs, dtype):
    """x·Φ(x) and x·σ(x) are −inf·0 at −inf (limit 0); their slopes are ∞·0 at ±inf (limits 0, 1)."""
    y, dx = _act(name, np.array([[-INF, INF]], dtype=dtype), **kwargs)
    np.testing.assert_array_equal(y, [[0.0, INF]])
    np.testing.assert_array_equal(dx, [[0.0, 1.0]])


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_rows_with_infinities(dtype):
    x = np.array([[INF, 0.0, 1.0], [-INF, 0.0, 0.0], [INF, INF, 0.0], [-INF, -INF, -INF]], dtype=dtype)
    dy = np.array([[1.0, 2.0, 4.0]] * 4, dtype=dtype)
    p, dp = _act("softmax", x, dy)
    logp, dlogp = _act("log_softmax", x, dy)
    np.testing.assert_array_equal(p[:2], [[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])        # one-hot; −inf drops out
    half = np.log(np.asarray(0.5, dtype))
    np.testing.assert_array_equal(logp[:2], [[0.0, -INF, -INF], [-INF, half, half]])
    np.testing.assert_array_equal(dp[0], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(dlogp[0], [1.0 - 7.0, 2.0, 4.0])                  # dy − onehot·Σdy
    assert np.all(np.isnan(p[2:])) and np.all(np.isnan(logp[2:]))                   # tied +inf, all −inf: no limit


# Rows of CE_ROWS_INF with CE_ONEHOT_INF: (ℓ, dℓ/dz) by hand; s = softmax([0, 1]).
S = 1 / (1 + math.e)
CE_INF = [(INF, [-1.0, S, 1 - S]), (-math.log(S), [0.0, S - 1, 1 - S]), (0.0, [0.0, 0.0, 0.0]),
          (INF, [1.0, -1.0, 0.0]), (NAN, [NAN] * 3), (NAN, [NAN] * 3)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
def test_softmax_crossentropy_at_infinite_logits(sparse, dtype):
    """A −inf logit with target 0 counts 0 (it was 0·−inf = NaN), one +inf gives the one-hot limit."""
    z = np.array(cases.CE_ROWS_INF, dtype=dtype)
    target = np.array(cases.CE_ONEHOT_INF, dtype=dtype)
    if sparse:
        target = target.argmax(-1)
    values, grad = _loss("sparse_softmax_crossentropy" if sparse else "softmax_crossentropy", z, target)
    np.testing.assert_allclose(values, [v for v, _ in CE_INF], rtol=1e-6)
    np.testing.assert_allclose(grad, [g for _, g in CE_INF], rtol=1e-6, atol=1e-7)


# --- NaN propagates -------------------------------------------------------------------------

ELEMENTWISE = [n for n in cases.ELEMENTWISE]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_nan_gives_nan_and_nothing_else(name, dtype):
    """NaN in, NaN out, also in the gradient where a mask or a branch would pick a slope for it
    (relu gave 0, leaky_relu the slope, hard_tanh and hard_sigmoid 0); identity's derivative
    is the constant 1. The finite neighbours stay finite."""
    x = np.array([[NAN, -1.0, 0.5]], dtype=dtype)
    y, dx = _act(name, x)
    assert np.isnan(y[0, 0]) and np.all(np.isfinite(y[0, 1:]))
    if dx is not None:
        assert (dx[0, 0] == 1.0) if name == "identity" else np.isnan(dx[0, 0]), dx
        assert np.all(np.isfinite(dx[0, 1:]))


@pytest.mark.parametrize("name", ["mse", "half_sse", "mae", "huber", "bce", "bce_with_logits"])
def test_elementwise_losses_propagate_nan_only_to_its_element(name):
    y_pred, y_true = np.array([[NAN, 0.5, 0.25]]), np.array([[0.5, NAN, 0.75]])
    values, grad = _loss(name, y_pred, y_true)
    assert np.all(np.isnan(values[0, :2])) and np.all(np.isnan(grad[0, :2]))
    assert np.isfinite(values[0, 2]) and np.isfinite(grad[0, 2])


def test_inf_minus_inf_has_no_limit():
    values, grad = _loss("mse", np.array([[INF, INF, 1.0]]), np.array([[INF, -INF, INF]]))
    np.testing.assert_array_equal(values, [[NAN, INF, INF]])
    np.testing.assert_array_equal(grad, [[NAN, INF, -INF]])


def test_torch_bce_raises_on_nan():
    """Why the catalog has no bce NaN case: torch.nn.BCELoss checks its inputs lie in [0, 1]."""
    torch = pytest.importorskip("torch")
    half = torch.tensor([0.5], dtype=torch.float64)
    nan = torch.tensor([NAN], dtype=torch.float64)
    for p, y in ((nan, half), (half, nan)):
        with pytest.raises(RuntimeError, match="should be between 0 and 1"):
            torch.nn.BCELoss()(p, y)
    values, grad = _loss("bce", np.array([[NAN, 0.5]]), np.array([[0.5, NAN]]))
    assert np.all(np.isnan(values)) and np.all(np.isnan(grad))


# --- the catalog and its records ------------------------------------------------------------

@pytest.mark.parametrize("case_id,want", [
    ("sparse_softmax_crossentropy[nonfinite_inf]", cases.SPARSE_LABELS_INF),
    ("nll[nonfinite_inf]", cases.NLL_LABELS_INF), ("nll[nonfinite_nan]", cases.NLL_LABELS_NAN),
    ("sparse_categorical_crossentropy[nonfinite_nan]", cases.SPARSE_P_LABELS_NAN)])
def test_catalog_rows_were_written_for_the_drawn_labels(case_id, want):
    case = next(c for c in catalog.all_cases() if c.id == case_id)
    rng = np.random.default_rng(case.seed)
    draw(case.inputs["y_pred"], rng, "float64")
    assert draw(case.inputs["y_true"], rng, "float64").tolist() == want


def test_every_activation_and_loss_has_a_nonfinite_case():
    have = {c.component for c in cases.CASES}
    # bce: torch raises on NaN (test above); prelu and maxout: see the report on their owners' fixes
    missing = set(reference.all_names("activation")) | set(reference.all_names("loss"))
    assert missing - have <= {"bce", "prelu"}, sorted(missing - have)


RECORDS = [pytest.param(d, id=f"{d.component}-{d.framework}-{'-'.join(d.cases)}") for d in records.DIVERGENCES]


@pytest.mark.parametrize("divergence", RECORDS)
def test_every_record_shows_an_effect_on_each_case_in_each_dtype(divergence):
    """An irreducible record turns the checks it names into "divergence": each must differ somewhere,
    or the record hides nothing and must go (test_honesty.py does this for mapped records)."""
    load_or_skip(divergence.framework)
    by_id = {c.id: c for c in catalog.all_cases()}
    for desc in divergence.cases:
        for dtype in divergence.dtypes:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                recs = harness.run_case(by_id[f"{divergence.component}[{desc}]"], divergence.framework, dtype)
            assert not [r for r in recs if r.status in ("fail", "error")], recs
            mine = [r for r in recs if r.divergence == divergence.what]
            assert any("(no effect on this case)" not in r.note for r in mine), (
                f"{divergence.component}[{desc}] {divergence.framework} {dtype}: no effect of {divergence.what!r}")
