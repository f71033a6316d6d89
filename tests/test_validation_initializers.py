"""Bad initializer arguments: the reference always rejects them with the argument, the value and
what is allowed; the frameworks' own constructors reject some and silently accept others (pinned
here, so a change in either framework shows).

Rows are data: (name, kwargs, words the reference's message must contain).
"""
import pytest

import reference
from conformance import frameworks
from conformance.adapter import RunContext

BAD = [
    ("constant", {"value": float("nan")}, ["value=nan", "finite real number"]),
    ("random_normal", {"std": 0.0}, ["std=0.0", "> 0.0"]),
    ("random_normal", {"std": -1.0}, ["std=-1.0", "> 0.0"]),
    ("random_uniform", {"low": 1.0, "high": 0.0}, ["high=0.0", "> 1.0"]),
    ("truncated_normal", {"std": -0.5}, ["std=-0.5", "> 0.0"]),
    ("glorot_normal", {"gain": 0.0}, ["gain=0.0", "> 0.0"]),
    ("glorot_normal", {"truncated": "yes"}, ["truncated='yes'", "True or False"]),
    ("glorot_uniform", {"gain": -1.0}, ["gain=-1.0", "> 0.0"]),
    ("he_normal", {"mode": "fan_avg"}, ["mode='fan_avg'", "'fan_in', 'fan_out'"]),
    ("he_uniform", {"mode": "fan_sideways"}, ["mode='fan_sideways'", "'fan_in', 'fan_out'"]),
    ("he_uniform", {"negative_slope": float("inf")}, ["negative_slope=inf", "finite"]),
    ("lecun_normal", {"truncated": 1}, ["truncated=1", "True or False"]),
    ("orthogonal", {"gain": 0.0}, ["gain=0.0", "> 0.0"]),
    ("orthogonal", {"gain": -2.0}, ["gain=-2.0", "> 0.0"]),
]


def test_orthogonal_and_fans_need_rank_two():
    with pytest.raises(ValueError, match=r"shape=\(5,\)"):
        reference.get("initializer", "orthogonal")().sample((5,), None)
    with pytest.raises(ValueError, match="rank >= 2"):
        reference.get("initializer", "he_normal")().distribution((5,))


@pytest.mark.parametrize("setup,words", [
    ({"via": "bias"}, "setup via='bias' is not allowed: expected one of 'tensor', 'dense_kernel', 'dense_bias'"),
    ({"via": "dense_kernel", "shape": (3, 3, 4, 5)},
     r"setup shape=\(3, 3, 4, 5\) is not allowed with via='dense_kernel'"),
])
def test_checker_rejects_a_bad_setup_before_any_framework_runs(setup, words):
    from conformance.case import Case
    from conformance.checkers.distribution import initializer_check
    case = Case("glorot_uniform", "initializer", {}, {}, desc="bad", setup=setup)
    with pytest.raises(ValueError, match=words):
        list(initializer_check(case, None, RunContext("float64"), {}, {}))


def _load(name):
    try:
        return frameworks.load(name)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


def test_keras_constructors_that_validate():
    _load("keras")
    import keras
    with pytest.raises(ValueError, match="scale"):
        keras.initializers.VarianceScaling(scale=0.0)
    with pytest.raises(ValueError, match="mode"):
        keras.initializers.VarianceScaling(mode="fan_sideways")
    with pytest.raises(ValueError, match="distribution"):
        keras.initializers.VarianceScaling(distribution="cauchy")


def test_keras_constructors_that_do_not_validate():
    """Accepted silently: a negative gain, minval > maxval, a negative stddev."""
    _load("keras")
    import keras
    assert keras.initializers.Orthogonal(gain=-1.0).gain == -1.0
    keras.initializers.RandomUniform(minval=1.0, maxval=0.0)((2, 2))
    keras.initializers.RandomNormal(stddev=-1.0)((2, 2))


def test_torch_initializers_that_validate():
    """torch has no initializer objects: its functions check when they run."""
    _load("torch")
    import torch
    t = torch.empty(4, 3)
    with pytest.raises(ValueError, match="fan_avg not supported"):
        torch.nn.init.kaiming_normal_(t, mode="fan_avg")
    with pytest.raises(RuntimeError, match="std >= 0.0"):
        torch.nn.init.normal_(t, std=-1.0)
    with pytest.raises(RuntimeError, match="from=1 > to=0"):
        torch.nn.init.uniform_(t, 1.0, 0.0)
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        torch.nn.init.xavier_uniform_(torch.empty(5))


def test_torch_initializers_that_do_not_validate():
    """Accepted silently: a negative gain for orthogonal_, a negative std for trunc_normal_."""
    _load("torch")
    import torch
    torch.nn.init.orthogonal_(torch.empty(4, 3), gain=-1.0)
    torch.nn.init.trunc_normal_(torch.empty(4, 3), std=-1.0)
