"""Initializers: the reference's analytic distributions, the fan convention, and the statistical
checker itself (calibrated, deterministic, and able to see the differences it must report)."""
import math

import numpy as np
import pytest

import reference
from conformance import catalog, frameworks, harness
from conformance.checkers.distribution import SIGNIFICANCE, _distribution_checks
from reference.initializers import distributions as D
from reference.initializers.base import TRUNCATED_STD_FACTOR, fans

stats = pytest.importorskip("scipy.stats")

DISTRIBUTIONS = [
    (D.Normal(0.5, 2.0), stats.norm(0.5, 2.0)),
    (D.TruncatedNormal(1.0, 0.5, 2.0), stats.truncnorm(-2.0, 2.0, loc=1.0, scale=0.5)),
    (D.Uniform(-0.3, 0.7), stats.uniform(-0.3, 1.0)),
    # A coordinate of a uniform point on the sphere in R^m: (x/r + 1)/2 ~ Beta((m−1)/2, (m−1)/2).
    (D.SphereCoordinate(40, 2.0), stats.beta(19.5, 19.5, loc=-2.0, scale=4.0)),
]


@pytest.mark.parametrize("dist,scipy_dist", DISTRIBUTIONS, ids=lambda d: type(d).__name__)
def test_distribution_moments_and_cdf_match_scipy(dist, scipy_dist):
    assert dist.mean == pytest.approx(scipy_dist.mean(), abs=1e-12)
    assert dist.var == pytest.approx(scipy_dist.var(), rel=1e-9)
    m4 = scipy_dist.expect(lambda x: (x - scipy_dist.mean()) ** 4)
    assert dist.m4 == pytest.approx(m4, rel=1e-7)
    x = np.linspace(scipy_dist.ppf(1e-6), scipy_dist.ppf(1 - 1e-6), 101)
    np.testing.assert_allclose(dist.cdf(x), scipy_dist.cdf(x), atol=1e-9)


@pytest.mark.parametrize("dist,_", DISTRIBUTIONS, ids=lambda d: type(d).__name__)
def test_reference_sampler_passes_its_own_ks_test(dist, _):
    x = dist.sample(np.random.default_rng(0), (50_000,))
    assert stats.kstest(x, dist.cdf).pvalue > 1e-3
    assert dist.low <= x.min() and x.max() <= dist.high


def test_truncated_std_factor_is_the_keras_constant():
    # keras/src/initializers/random_initializers.py divides by this literal.
    assert TRUNCATED_STD_FACTOR == pytest.approx(0.87962566103423978, rel=1e-15)


@pytest.mark.parametrize("shape,want", [((7, 5), (7, 5)), ((3, 3, 16, 32), (144, 288)), ((2, 4, 6), (8, 12))])
def test_fans_convention(shape, want):
    """(*receptive_field, in, out): fan_in = in·∏rf, fan_out = out·∏rf; torch and Keras agree on
    their own layouts."""
    assert fans(shape) == want
    for name in ("torch", "keras"):
        try:
            fw = frameworks.load(name)
        except frameworks.Unavailable:
            continue
        assert tuple(fw.adapter.initializer_fans(shape)) == want


def test_fans_need_rank_two():
    with pytest.raises(ValueError, match="rank >= 2"):
        fans((5,))


@pytest.mark.parametrize("name,kwargs,std", [
    ("glorot_uniform", {}, math.sqrt(2 / (300 + 200))),
    ("glorot_normal", {"gain": 2.0}, 2 * math.sqrt(2 / (300 + 200))),
    ("he_normal", {}, math.sqrt(2 / 300)),
    ("he_uniform", {"negative_slope": 5 ** 0.5}, math.sqrt(1 / 3 / 300)),    # torch.nn.Linear: bound 1/√in
    ("he_normal", {"mode": "fan_out", "truncated": True}, math.sqrt(2 / 200)),
    ("lecun_normal", {"truncated": True}, math.sqrt(1 / 300)),
    ("lecun_uniform", {}, math.sqrt(1 / 300)),
])
def test_variance_scaling_std(name, kwargs, std):
    """Every variance-scaling form has the nominal std, truncated or not (the Keras correction)."""
    assert math.sqrt(reference.get("initializer", name)(**kwargs).distribution((300, 200)).var) == pytest.approx(std)


def test_linear_default_bound_is_one_over_sqrt_fan_in():
    dist = reference.get("initializer", "he_uniform")(negative_slope=5 ** 0.5).distribution((300, 200))
    assert dist.high == pytest.approx(1 / math.sqrt(300))


@pytest.mark.parametrize("shape", [(256, 128), (64, 256), (3, 3, 16, 32)])
def test_reference_orthogonal_is_orthogonal_with_gain(shape):
    init = reference.get("initializer", "orthogonal")(gain=1.5)
    w = init.sample(shape, np.random.default_rng(1))
    g = init.gram(w)
    np.testing.assert_allclose(g, 2.25 * np.eye(len(g)), atol=1e-12)


def test_reference_samples_keep_dtype():
    rng = np.random.default_rng(0)
    for name in reference.all_names("initializer"):
        assert reference.get("initializer", name)().sample((8, 4), rng, np.float32).dtype == np.float32, name


def _verdicts(x, dist, dtype="float64"):
    return {c.name: c for c in _distribution_checks(np.asarray(x, np.float64), dist, dtype, "test")}


def test_checker_accepts_the_reference_distribution():
    dist = D.TruncatedNormal(0.0, 1.0, 2.0)
    checks = _verdicts(dist.sample(np.random.default_rng(3), (131072,)), dist)
    assert {n: c.status for n, c in checks.items()} == dict.fromkeys(("support", "extent", "mean", "std", "ks"), "pass")


def test_checker_sees_keras_truncation_and_a_narrower_uniform():
    """The effects the divergences report: an untruncated normal against the truncated form
    (KS ~0.02, and the extremes), and U(±0.95a) against U(±a) (the extent test)."""
    rng = np.random.default_rng(4)
    sigma = 0.05
    trunc = D.TruncatedNormal(0.0, sigma / TRUNCATED_STD_FACTOR, 2.0)
    checks = _verdicts(rng.normal(0.0, sigma, 131072), trunc)
    assert checks["ks"].status == "fail" and checks["support"].status == "fail"
    checks = _verdicts(rng.uniform(-0.95, 0.95, 131072), D.Uniform(-1.0, 1.0))
    assert checks["extent"].status == "fail" and checks["support"].status == "pass"


def test_mean_z_test_sees_a_shift_the_ks_test_can_miss():
    """N(0.015, 1) against N(0, 1), n = 131072: the mean is off by ~5.4 standard errors (limit 4.4);
    the KS D (~0.006) stays under its critical value (~0.0068)."""
    checks = _verdicts(np.random.default_rng(6).normal(0.015, 1.0, 131072), D.Normal(0.0, 1.0))
    assert checks["mean"].status == "fail" and checks["std"].status == "pass"
    assert checks["ks"].status == "pass"


def test_std_z_test_sees_a_scale_the_ks_test_can_miss():
    """N(0, 1.015²) against N(0, 1): the variance is off by ~7.7 standard errors; KS D ~0.004."""
    checks = _verdicts(np.random.default_rng(7).normal(0.0, 1.015, 131072), D.Normal(0.0, 1.0))
    assert checks["std"].status == "fail" and checks["mean"].status == "pass"
    assert checks["ks"].status == "pass"


def test_only_ks_reports_a_distance_in_max_abs_err():
    """The report's |Δ| for an initializer is a KS D; the other tests' distances are in ``detail``."""
    checks = _verdicts(np.random.default_rng(8).uniform(-1.0, 1.0, 4096), D.Uniform(-1.0, 1.0))
    assert [n for n, c in checks.items() if c.max_abs_err is not None or c.atol is not None] == ["ks"]
    assert set(checks["mean"].detail) >= {"abs_delta_mean", "allowed"}
    assert set(checks["std"].detail) >= {"abs_delta_std", "allowed"}
    assert set(checks["support"].detail) == {"outside_by", "allowed"}
    assert set(checks["extent"].detail) >= {"p_low", "p_high"}


def test_checker_significance_and_sample_size_are_stated():
    checks = _verdicts(np.random.default_rng(5).normal(size=1000), D.Normal(0.0, 1.0))
    assert checks["ks"].detail == {**checks["ks"].detail, "n": 1000, "significance": SIGNIFICANCE}
    assert checks["ks"].atol == pytest.approx(stats.kstwo.isf(SIGNIFICANCE, 1000))


def test_orthogonal_gram_is_compared_as_gram_over_gain_squared():
    """gram/gain² against I: a gain of 2 does not make the float32 tolerance 4× tighter on the
    off-diagonal zeros."""
    case = next(c for c in catalog.all_cases() if c.id == "orthogonal[wide_gain]")
    recs = {r.check: r for r in harness.run_case(case, "torch", "float32", with_divergences=False)}
    if "setup" in recs:
        pytest.skip(recs["setup"].note)
    assert recs["gram"].status == "pass" and "gain=2" in recs["gram"].note
    assert recs["gram"].max_abs_err < 1e-6


def test_torch_truncated_variance_scaling_is_marked_composed():
    """torch has no truncated Glorot/He/LeCun: those paths re-derive σ, so ``rosetta list`` says composed."""
    try:
        frameworks.load("torch")
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    for name in ("glorot_normal", "he_normal", "lecun_normal"):
        assert frameworks.implementation_status("torch", "initializer", name) == "composed", name


def test_initializer_records_are_deterministic():
    case = next(c for c in catalog.all_cases() if c.id == "glorot_normal[default]")
    a = harness.run_case(case, "torch", "float32")
    if a[0].status == "skip":
        pytest.skip(a[0].note)
    b = harness.run_case(case, "torch", "float32")
    assert [(r.check, r.status, r.max_abs_err) for r in a] == [(r.check, r.status, r.max_abs_err) for r in b]


def test_keras_dense_default_kernel_is_glorot_uniform_and_bias_zeros():
    """The reference's Glorot uniform is Keras Dense's own default (no kernel_initializer given)."""
    try:
        frameworks.load("keras")
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    import keras
    keras.utils.set_random_seed(0)
    kernels, biases = [], []
    for _ in range(4):
        layer = keras.layers.Dense(128)
        layer.build((None, 256))
        kernels.append(layer.kernel.numpy())
        biases.append(layer.bias.numpy())
    dist = reference.get("initializer", "glorot_uniform")().distribution((256, 128))
    assert all(c.status == "pass" for c in _verdicts(np.ravel(kernels), dist).values())
    assert not np.any(biases)
