"""The dropout family's draws, on large samples, in the reference and in each framework (both
dtypes): the drop rate inside a binomial confidence interval, the kept units scaled by exactly
1/(1 − p), alpha dropout's kept and dropped values and its zero mean and unit variance, Gaussian
noise and factors with the nominal mean and standard deviation (z-tests).

Every test rejects at the significance level of the initializer checks (α = 1e-5, two-sided), and
every draw is seeded, so a verdict is the same on every run. The harness checks one draw per case
exactly (tests/test_dropout.py shows that the draw it reads back is the real one); this file checks
that the draws have the distribution they claim.
"""
import numpy as np
import pytest
from scipy import stats

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext
from conformance.checkers.distribution import SIGNIFICANCE
from reference.layers.alpha_dropout import ALPHA_PRIME

Z_CRIT = float(stats.norm.isf(SIGNIFICANCE / 2))        # 4.42
SOURCES = ["reference", "torch", "keras"]
DTYPES = ["float32", "float64"]
# The reference draws in float64 whatever the input's dtype: one run of it is enough for masks.
MASK_RUNS = [(s, d) for s in SOURCES for d in DTYPES if (s, d) != ("reference", "float32")]
# (component, input shape, the axes one draw covers): ~200,000 independent draws each
MASKED = [
    ("dropout", (400, 500)),
    ("spatial_dropout1d", (2000, 3, 100)),
    ("spatial_dropout2d", (1000, 2, 2, 200)),
    ("alpha_dropout", (400, 500)),
]


def _draw(source, name, kwargs, x, seed=0):
    """(output, noise) of one training pass: the reference's own draw, or a framework's, read back."""
    if source == "reference":
        ref = reference.get("layer", name)(**kwargs)
        noise = ref.draw_noise(np.random.default_rng(seed), x.shape)
        return ref(x, training=True, noise=noise), noise
    fw = load_or_skip(source)
    got = fw.adapter.run_module(RunContext(x.dtype.name, seed=seed), "layer", name, kwargs, x, {}, x, True, grad=False)
    reference.get("layer", name)(**kwargs).check_noise(got["noise"])
    return got["out"], got["noise"]


def _draws(name, mask):
    """One entry per independent draw: spatial masks at their first position (check_noise verified the rest)."""
    return mask[(slice(None),) + (0,) * (mask.ndim - 2)] if name.startswith("spatial") else mask


def _assert_rate(kept, p):
    n, dropped = kept.size, int(kept.size - kept.sum())
    pvalue = stats.binomtest(dropped, n, p).pvalue
    assert pvalue >= SIGNIFICANCE, f"{dropped} of {n} dropped at p={p}: binomial p-value {pvalue:.2g}"


def _z_mean(sample, mean, std):
    return (sample.mean() - mean) / (std / np.sqrt(sample.size))


def _z_var(sample, var):
    """Sample variance against ``var``, with the normal's sampling variance 2σ⁴/(n − 1)."""
    return (sample.var(ddof=1) - var) / (var * np.sqrt(2 / (sample.size - 1)))


@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
@pytest.mark.parametrize("name,shape", MASKED, ids=[m[0] for m in MASKED])
@pytest.mark.parametrize("source,dtype", MASK_RUNS)
def test_drop_rate_and_kept_values(source, dtype, name, shape, p):
    """Rate within the binomial interval; on ones, kept units are exactly 1/(1 − p) (alpha dropout:
    a + b) and dropped ones 0 (alpha dropout: −a α' (1 − p), SELU's saturation mapped by a, b)."""
    ones = np.ones(shape, dtype=dtype)
    out, kept = _draw(source, name, {"p": p}, ones)
    _assert_rate(_draws(name, kept), p)
    rtol = 2 * np.finfo(dtype).eps
    if name == "alpha_dropout":
        a, b = reference.get("layer", name)(p=p).affine(np.float64)
        np.testing.assert_allclose(out[kept], a + b, rtol=rtol)
        # −a·α' + b cancels: its rounding is relative to a·α', not to the result
        np.testing.assert_allclose(out[~kept], -a * ALPHA_PRIME * (1 - p), rtol=0, atol=2 * rtol * a * ALPHA_PRIME)
    else:
        np.testing.assert_allclose(out[kept], 1 / (1 - p), rtol=rtol)
        assert not out[~kept].any()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("source", SOURCES)
def test_alpha_dropout_keeps_zero_mean_and_unit_variance(source, dtype):
    """For x ~ N(0, 1), y has mean 0 and variance 1 (z-tests on 200,000 units; the variance's
    sampling variance from the sample's fourth moment)."""
    x = np.random.default_rng(1).standard_normal((400, 500)).astype(dtype)
    out, _ = _draw(source, "alpha_dropout", {"p": 0.2}, x)
    y = out.astype(np.float64).ravel()
    assert abs(_z_mean(y, 0.0, 1.0)) < Z_CRIT
    m4 = np.mean((y - y.mean()) ** 4)
    z = (y.var(ddof=1) - 1.0) / np.sqrt((m4 - y.var() ** 2) / y.size)
    assert abs(z) < Z_CRIT, f"variance {y.var():.5f}: z = {z:.2f}"


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stddev", [0.1, 1.0])
@pytest.mark.parametrize("source", SOURCES)
def test_gaussian_noise_mean_and_std(source, stddev, dtype):
    out, noise = _draw(source, "gaussian_noise", {"stddev": stddev}, np.zeros((400, 500), dtype=dtype))
    n = noise.astype(np.float64).ravel()
    assert abs(_z_mean(n, 0.0, stddev)) < Z_CRIT
    assert abs(_z_var(n, stddev ** 2)) < Z_CRIT
    assert np.array_equal(out, noise.astype(dtype))                     # 0 + n


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
@pytest.mark.parametrize("source", SOURCES)
def test_gaussian_dropout_factor_mean_and_std(source, p, dtype):
    """ε ~ N(1, p/(1 − p)): the variance of inverted dropout's factor m/(1 − p)."""
    _, eps = _draw(source, "gaussian_dropout", {"p": p}, np.ones((400, 500), dtype=dtype))
    e = eps.astype(np.float64).ravel()
    var = p / (1 - p)
    assert abs(_z_mean(e, 1.0, np.sqrt(var))) < Z_CRIT
    assert abs(_z_var(e, var)) < Z_CRIT


def test_the_tests_have_teeth():
    """At this sample size a drop rate off by one percentage point, a std off by 1% and a mean off by
    1.5% of σ are rejected."""
    rng = np.random.default_rng(0)
    with pytest.raises(AssertionError, match="binomial p-value"):
        _assert_rate(rng.random(200_000) >= 0.51, 0.5)
    n = rng.standard_normal(200_000)
    assert abs(_z_var(1.01 * n, 1.0)) > Z_CRIT
    assert abs(_z_mean(n + 0.015, 0.0, 1.0)) > Z_CRIT
