"""The dropout family: the reference's formulas, and the exactness of the harness's read-back.

The harness reads a framework's draw back from a second, seeded run on a constant input
(``reference.registry.Probe``) and feeds it to the reference. That is only sound if the probe draws
what the real call drew: here, on inputs without exact zeros (where the real output shows the draw
too), the real output agrees with the probed draw everywhere, for every component and framework,
and a different seed gives a different draw (the check has teeth). Distributions are in
tests/test_dropout_distributions.py, bad arguments in tests/test_dropout_validation.py.
"""
import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance.adapter import RunContext
from reference.layers.alpha_dropout import ALPHA_PRIME

FRAMEWORKS = ["torch", "keras"]
DTYPES = ["float32", "float64"]
# component, kwargs, input shape
COMPONENTS = [
    ("dropout", {"p": 0.5}, (16, 12)),
    ("spatial_dropout1d", {"p": 0.5}, (6, 5, 8)),
    ("spatial_dropout2d", {"p": 0.5}, (4, 3, 5, 6)),
    ("alpha_dropout", {"p": 0.3}, (16, 12)),
    ("gaussian_noise", {"stddev": 0.5}, (16, 12)),
    ("gaussian_dropout", {"p": 0.5}, (16, 12)),
]
IDS = [c[0] for c in COMPONENTS]


def _x(shape, dtype, seed=0):
    """N(0, 1) entries shifted away from 0: no exact zeros, so the real output shows every draw."""
    z = np.random.default_rng(seed).standard_normal(shape)
    return (z + np.sign(z) * 0.1).astype(dtype)


def _run(framework, name, kwargs, x, training=True, seed=7):
    fw = load_or_skip(framework)
    return fw.adapter.run_module(RunContext(x.dtype.name, seed=seed), "layer", name, kwargs, x, {},
                                 np.ones_like(x), training, grad=True)


# --- reference ---------------------------------------------------------------------------

def test_dropout_formula():
    x = np.array([[1.0, -2.0, 0.0, 4.0]])
    mask = np.array([[True, False, True, True]])
    ref = reference.get("layer", "dropout")(p=0.75)
    y, cache = ref.forward(x, {}, training=True, noise=mask)
    np.testing.assert_array_equal(y, [[4.0, 0.0, 0.0, 16.0]])
    dx, _ = ref.backward(np.ones_like(x), cache)
    np.testing.assert_array_equal(dx, [[4.0, 0.0, 4.0, 4.0]])          # the kept 0 passes the gradient


def test_dropout_at_p_one_drops_everything():
    ref = reference.get("layer", "dropout")(p=1.0)
    x = np.ones((3, 4))
    y, cache = ref.forward(x, {}, training=True, rng=np.random.default_rng(0))
    assert not y.any() and not ref.backward(x, cache)[0].any()


@pytest.mark.parametrize("name,shape", [("spatial_dropout1d", (50, 3, 40)), ("spatial_dropout2d", (20, 2, 3, 40))])
def test_spatial_draw_is_per_channel(name, shape):
    ref = reference.get("layer", name)(p=0.5)
    mask = ref.draw_noise(np.random.default_rng(0), shape)
    ref.check_noise(mask)
    first = mask[(slice(None),) + (slice(0, 1),) * (len(shape) - 2)]
    assert np.array_equal(mask, np.broadcast_to(first, shape)) and 0 < mask.mean() < 1


def test_spatial_forward_applies_each_channels_draw_everywhere():
    """The draw is the first step's entry; a mask split within a channel is reported by check_noise."""
    ref = reference.get("layer", "spatial_dropout1d")(p=0.5)
    x = np.ones((1, 3, 2))
    split = np.array([[[True, False], [False, False], [True, True]]])
    with pytest.raises(ValueError, match="not constant over the spatial axes in 2 channel"):
        ref.check_noise(split)
    y, _ = ref.forward(x, {}, training=True, noise=split)
    np.testing.assert_array_equal(y, [[[2.0, 0.0]] * 3])


def test_alpha_dropout_constants_and_moments():
    """α' = λα is torch's literal; a and b give zero mean and unit variance for N(0, 1) inputs (exact
    algebra: E[y] = a(−α'p) + b = 0, Var[y] = a²(1 − p)(1 + α'²p) = 1); a dropped unit goes to
    −a α' (1 − p)."""
    assert ALPHA_PRIME == 1.7580993408473766
    for p in (0.05, 0.5, 0.9):
        ref = reference.get("layer", "alpha_dropout")(p=p)
        a, b = ref.affine(np.float64)
        assert -a * ALPHA_PRIME * p + b == pytest.approx(0, abs=1e-15)
        assert a ** 2 * (1 - p) * (1 + ALPHA_PRIME ** 2 * p) == pytest.approx(1, rel=1e-14)
        y, cache = ref.forward(np.array([[2.0, 2.0]]), {}, training=True, noise=np.array([[True, False]]))
        np.testing.assert_allclose(y, [[2 * a + b, -a * ALPHA_PRIME * (1 - p)]], rtol=1e-15)
        np.testing.assert_allclose(ref.backward(np.ones((1, 2)), cache)[0], [[a, 0.0]], rtol=1e-15)


@pytest.mark.parametrize("name,kwargs,shape", COMPONENTS, ids=IDS)
def test_reference_is_the_identity_in_evaluation(name, kwargs, shape):
    ref = reference.get("layer", name)(**kwargs)
    x = _x(shape, "float64")
    y, cache = ref.forward(x, {}, training=False)
    dy = _x(shape, "float64", seed=1)
    assert np.array_equal(y, x) and np.array_equal(ref.backward(dy, cache)[0], dy)


@pytest.mark.parametrize("name,kwargs,shape", COMPONENTS, ids=IDS)
def test_reference_training_needs_rng_or_noise(name, kwargs, shape):
    with pytest.raises(ValueError, match="training=True needs rng"):
        reference.get("layer", name)(**kwargs).forward(_x(shape, "float64"), {}, training=True)


# --- the frameworks: the probe reads back the draw of the real call ----------------------

def _assert_draw_matches_output(name, kwargs, x, got):
    """The real output, on an input without zeros, shows the draw the probe read back."""
    out, noise = got["out"], got["noise"]
    ref = reference.get("layer", name)(**kwargs)
    ref.check_noise(noise)
    if name in ("dropout", "spatial_dropout1d", "spatial_dropout2d"):
        np.testing.assert_array_equal(out != 0, noise)
    elif name == "alpha_dropout":
        a, b = ref.affine(np.float64)
        dropped = np.isclose(out, -a * ALPHA_PRIME * (1 - kwargs["p"]), rtol=1e-6, atol=0)
        np.testing.assert_array_equal(dropped, ~noise)
    elif name == "gaussian_noise":
        np.testing.assert_array_equal(out, x + noise)                  # one rounding on every side
    else:
        np.testing.assert_array_equal(out, x * noise)
    want = ref(x, training=True, noise=noise)
    if name == "alpha_dropout":                     # the same formula, roundings in another order
        np.testing.assert_allclose(out, want, rtol=1e-6 if x.dtype == np.float32 else 1e-14)
    else:                                           # the same roundings at these rates: to the last bit
        np.testing.assert_array_equal(out, want)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,kwargs,shape", COMPONENTS, ids=IDS)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_probe_reads_back_the_real_draw(framework, name, kwargs, shape, dtype):
    x = _x(shape, dtype)
    got = _run(framework, name, kwargs, x)
    _assert_draw_matches_output(name, kwargs, x, got)
    other = _run(framework, name, kwargs, x, seed=8)                   # another seed: another draw
    assert not np.array_equal(other["noise"], got["noise"])
    _assert_draw_matches_output(name, kwargs, x, other)


@pytest.mark.parametrize("name,kwargs,shape", COMPONENTS, ids=IDS)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_frameworks_are_the_identity_in_evaluation(framework, name, kwargs, shape):
    """Exactly: the same values out, the upstream gradient through unchanged."""
    for dtype in DTYPES:
        x = _x(shape, dtype)
        got = _run(framework, name, kwargs, x, training=False)
        assert got["out"].dtype == x.dtype and np.array_equal(got["out"], x)
        assert np.array_equal(got["grad_input"], np.ones_like(x))


@pytest.mark.parametrize("name,kwargs,shape", COMPONENTS, ids=IDS)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_each_call_draws_afresh(framework, name, kwargs, shape):
    fw = load_or_skip(framework)
    x = _x(shape, "float64")
    built = fw.adapter.build(RunContext("float64"), "layer", name, kwargs)
    if framework == "torch":
        import torch
        from reference.registry import into_layout
        built.module.train(True)
        xt = torch.tensor(into_layout(x, built.input_layout))
        first, second = (built.module(xt).numpy() for _ in range(2))
    else:
        first, second = (np.array(built.module(x, training=True)) for _ in range(2))
    assert not np.array_equal(first, second)


@pytest.mark.parametrize("layer,noise_shape,shape", [
    ("SpatialDropout1D", lambda s: (s[0], 1, s[2]), (6, 5, 8)),
    ("SpatialDropout2D", lambda s: (s[0], 1, 1, s[3]), (4, 3, 5, 6)),
])
def test_keras_spatial_dropout_is_dropout_with_a_noise_shape(layer, noise_shape, shape):
    """Keras's spatial dropouts are ``Dropout(rate, noise_shape=(N, 1, ..., C))``: the same draw under
    the same seed. (``noise_shape`` has no torch counterpart; its default, None, draws per element.)"""
    load_or_skip("keras")
    import keras
    x = _x(shape, "float32")
    keras.utils.set_random_seed(3)
    spatial = np.array(getattr(keras.layers, layer)(rate=0.5)(x, training=True))
    keras.utils.set_random_seed(3)
    plain = np.array(keras.layers.Dropout(rate=0.5, noise_shape=noise_shape(shape))(x, training=True))
    np.testing.assert_array_equal(spatial, plain)

