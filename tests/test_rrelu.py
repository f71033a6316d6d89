"""RReLU: the slopes each framework draws in training are U(lower, upper), one per element,
and the eval slope is their mean. The harness checks one draw per case is valid; this file
checks the distribution on a large sample (Kolmogorov–Smirnov at a fixed level)."""
import numpy as np
import pytest
from scipy import stats

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext

KS_LEVEL = 1e-3            # reject U(lower, upper) when the KS p-value is below this
N_SAMPLES = 200_000
BOUNDS = [(1 / 8, 1 / 3), (0.1, 0.3)]


def _negative_inputs(dtype):
    """Strictly negative inputs, where every slope shows in the output."""
    return -np.random.default_rng(0).uniform(0.5, 2.0, size=(400, N_SAMPLES // 400)).astype(dtype)


def _seed(framework, seed=0):
    """Seed the framework under test only (the other one need not be installed)."""
    if framework == "torch":
        import torch
        torch.manual_seed(seed)
    else:
        import keras
        keras.utils.set_random_seed(seed)


def _assert_uniform(slopes, lower, upper):
    slopes = np.asarray(slopes, dtype=np.float64).ravel()
    n, width = slopes.size, upper - lower
    ks = stats.kstest(slopes, "uniform", args=(lower, width))
    assert ks.pvalue > KS_LEVEL, f"KS D={ks.statistic:.2e}, p={ks.pvalue:.1e}"
    ulp = 4 * np.finfo(np.float32).eps                  # float32 bounds: f32(1/3) > 1/3
    assert lower * (1 - ulp) <= slopes.min() < lower + 1e-3 * width
    assert upper - 1e-3 * width < slopes.max() <= upper * (1 + ulp)
    assert abs(slopes.mean() - (lower + upper) / 2) < 5 * width / np.sqrt(12 * n)
    assert slopes.std() == pytest.approx(width / np.sqrt(12), rel=0.01)


@pytest.mark.parametrize("lower,upper", BOUNDS)
def test_reference_draw_is_uniform(lower, upper):
    ref = reference.get("activation", "rrelu")(lower=lower, upper=upper)
    _assert_uniform(ref.draw_noise(np.random.default_rng(0), (N_SAMPLES,)), lower, upper)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("lower,upper", BOUNDS)
@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_training_slopes_are_uniform(framework, lower, upper, dtype):
    fw = load_or_skip(framework)
    _seed(framework)
    x = _negative_inputs(dtype)
    got = fw.adapter.run_module(RunContext(dtype), "activation", "rrelu", {"lower": lower, "upper": upper}, x, {},
                               np.zeros_like(x), True, grad=False)
    reference.get("activation", "rrelu")(lower=lower, upper=upper).check_noise(got["noise"])
    _assert_uniform(got["noise"], lower, upper)


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_training_draws_are_fresh_on_every_call(framework):
    fw = load_or_skip(framework)
    _seed(framework)
    x = _negative_inputs("float64")[:4]
    built = fw.adapter.build(RunContext("float64"), "activation", "rrelu", {})
    module = built.module
    if framework == "torch":
        import torch
        module.train(True)
        first, second = (module(torch.from_numpy(x)).numpy() for _ in range(2))
    else:
        first, second = (np.array(module(x, training=True)) for _ in range(2))
    assert not np.any(first == second)


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_eval_slope_is_the_mean(framework):
    """Both apply (lower + upper)/2 = 11/48 in float64, not rounded to float32 (Keras's composed
    eval path does not go through LeakyReLU, whose slope TF holds as float32)."""
    fw = load_or_skip(framework)
    x = _negative_inputs("float64")[:2]
    got = fw.adapter.run_module(RunContext("float64"), "activation", "rrelu", {}, x, {}, np.zeros_like(x), False, grad=False)
    slopes = got["out"] / x
    np.testing.assert_allclose(slopes, 11 / 48, rtol=1e-15)          # f32(11/48) is 2.2e-8 away, relative
    ref = reference.get("activation", "rrelu")()
    np.testing.assert_allclose(ref(x) / x, 11 / 48, rtol=1e-15)


def test_check_noise_rejects_slopes_outside_the_bounds():
    ref = reference.get("activation", "rrelu")()
    ref.check_noise(np.array([1 / 8, 0.2, float(np.float32(1 / 3))], dtype=np.float32))
    for bad in (0.12, 0.34, np.nan):
        with pytest.raises(ValueError, match="noise"):
            ref.check_noise(np.array([0.2, bad]))
