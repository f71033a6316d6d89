"""The dropout family at its boundary: bad constructor arguments, inputs and noise are rejected
with a message naming the argument, the value and what is allowed."""
import numpy as np
import pytest

import reference
from conftest import load_or_skip

BAD = [   # (name, kwargs, words the message must contain)
    ("dropout", {"p": -0.1}, ["p=-0.1", "[0, 1]"]),
    ("dropout", {"p": 1.5}, ["p=1.5", "[0, 1]"]),
    ("dropout", {"p": "0.5"}, ["p='0.5'", "finite real number"]),
    ("dropout", {"p": float("nan")}, ["p=nan", "finite real number"]),
    ("spatial_dropout1d", {"p": 2}, ["p=2", "[0, 1]"]),
    ("spatial_dropout2d", {"p": True}, ["p=True", "finite real number"]),
    ("alpha_dropout", {"p": 1.0}, ["p=1.0", "[0, 1)"]),
    ("gaussian_dropout", {"p": 1.0}, ["p=1.0", "[0, 1)"]),
    ("gaussian_dropout", {"p": -0.5}, ["p=-0.5", "[0, 1)"]),
    ("gaussian_noise", {"stddev": -1.0}, ["stddev=-1.0", ">= 0"]),
    ("gaussian_noise", {"stddev": float("inf")}, ["stddev=inf", "finite real number"]),
]


@pytest.mark.parametrize("name,kwargs,words", BAD, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(BAD)])
def test_bad_arguments_are_named(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get("layer", name)(**kwargs)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


@pytest.mark.parametrize("name", ["dropout", "alpha_dropout", "gaussian_dropout"])
def test_the_rate_is_required(name):
    """As Keras's ``rate`` (torch's default p = 0.5 is a divergence record)."""
    with pytest.raises(TypeError, match="p"):
        reference.get("layer", name)()


def re_shape(shape):
    """``shape`` as a regular expression matching its repr."""
    return str(tuple(shape)).replace("(", r"\(").replace(")", r"\)")


@pytest.mark.parametrize("name,shape,ndim", [("spatial_dropout1d", (4, 6), 3), ("spatial_dropout2d", (2, 3, 4), 4)])
def test_spatial_dropout_needs_its_rank(name, shape, ndim):
    ref = reference.get("layer", name)(p=0.5)
    for training in (False, True):
        with pytest.raises(ValueError, match=rf"x has shape {re_shape(shape)}: expected {ndim} dimensions"):
            ref.forward(np.ones(shape), {}, training=training, rng=np.random.default_rng(0))


def test_inputs_of_other_dtypes_are_rejected():
    with pytest.raises(ValueError, match="x has dtype int64"):
        reference.get("layer", "dropout")(p=0.5).forward(np.ones((2, 3), dtype=np.int64), {})


@pytest.mark.parametrize("noise,words", [
    (np.ones((2, 3)), "expected a boolean mask of the input's shape"),          # a float mask
    (np.ones((3, 2), dtype=bool), "shape (3, 2)"),
    ([[True] * 3] * 2, "list"),
])
def test_dropout_forward_rejects_a_malformed_mask(noise, words):
    with pytest.raises(ValueError) as info:
        reference.get("layer", "dropout")(p=0.5).forward(np.ones((2, 3)), {}, training=True, noise=noise)
    assert words in str(info.value)


@pytest.mark.parametrize("name,kwargs,noise,words", [
    ("dropout", {"p": 0.5}, np.ones((2, 3)), "expected a boolean keep-mask"),
    ("dropout", {"p": 0.0}, np.array([[True, False]]), "drops 1 unit(s) at p=0"),
    ("dropout", {"p": 1.0}, np.array([[True, False]]), "keeps 1 unit(s) at p=1"),
    ("alpha_dropout", {"p": 0.0}, np.array([[False]]), "drops 1 unit(s) at p=0"),
    ("spatial_dropout1d", {"p": 0.5}, np.ones((2, 3), dtype=bool), "expected 3 dimensions"),
    ("spatial_dropout2d", {"p": 0.5}, np.array([True, False]).reshape(1, 2, 1, 1),
     "not constant over the spatial axes"),
    ("gaussian_noise", {"stddev": 0.5}, np.array([[0.1, np.nan]]), "1 non-finite value(s)"),
    ("gaussian_noise", {"stddev": 0.0}, np.array([[0.0, 1e-9]]), "not zero at stddev=0"),
    ("gaussian_noise", {"stddev": 0.5}, np.array([[True]]), "expected a floating-point array"),
    ("gaussian_dropout", {"p": 0.0}, np.array([[1.0, 0.5]]), "not one at p=0"),
    ("gaussian_dropout", {"p": 0.5}, np.array([[1.0, np.inf]]), "1 non-finite value(s)"),
])
def test_check_noise_rejects_an_invalid_draw(name, kwargs, noise, words):
    with pytest.raises(ValueError) as info:
        reference.get("layer", name)(**kwargs).check_noise(noise)
    assert words in str(info.value)


@pytest.mark.parametrize("name,kwargs", [("gaussian_noise", {"stddev": 0.5}), ("gaussian_dropout", {"p": 0.5})])
def test_gaussian_noise_must_have_the_inputs_shape(name, kwargs):
    with pytest.raises(ValueError, match=r"noise has shape \(3,\): expected the input's shape \(2, 3\)"):
        reference.get("layer", name)(**kwargs).forward(np.ones((2, 3)), {}, training=True, noise=np.zeros(3))


def test_backward_checks_the_upstream_gradient():
    ref = reference.get("layer", "dropout")(p=0.5)
    _, cache = ref.forward(np.ones((2, 3)), {}, training=True, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="dy has shape"):
        ref.backward(np.ones((3, 2)), cache)


def test_keras_gaussian_noise_accepts_stddev_up_to_one_only():
    """A Keras limit the reference does not share (the catalog's cases stay at stddev ≤ 1)."""
    load_or_skip("keras")
    import keras
    keras.layers.GaussianNoise(stddev=1.0)
    with pytest.raises(ValueError, match="stddev"):
        keras.layers.GaussianNoise(stddev=1.5)
    reference.get("layer", "gaussian_noise")(stddev=1.5)
