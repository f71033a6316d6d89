"""Bad constructor arguments of the losses: the message names argument, value, allowed set.

Rows are data: (name, kwargs, words the message must contain).
"""
import numpy as np
import pytest

import reference

LOSSES = ("mse", "half_sse", "mae", "huber", "bce", "bce_with_logits", "categorical_crossentropy",
          "softmax_crossentropy", "sparse_softmax_crossentropy", "nll")

BAD = [
    *[(name, {"reduction": "avg"}, ["reduction='avg'", "'mean'", "'sum'", "'none'"]) for name in LOSSES],
    *[(name, {"reduction": None}, ["reduction=None", "'mean'"]) for name in LOSSES],
    ("huber", {"delta": 0.0}, ["delta=0.0", "> 0.0"]),
    ("huber", {"delta": -1.0}, ["delta=-1.0", "> 0.0"]),
    ("huber", {"delta": float("inf")}, ["delta=inf", "finite"]),
    ("huber", {"delta": "1"}, ["delta='1'", "real number"]),
    ("bce", {"eps": -1e-7}, ["eps=-1e-07", "[0.0, 0.5)"]),
    ("bce", {"eps": 0.5}, ["eps=0.5", "[0.0, 0.5)"]),
    ("bce", {"eps": float("nan")}, ["eps=nan", "finite"]),
    ("categorical_crossentropy", {"eps": 0.7}, ["eps=0.7", "[0.0, 0.5)"]),
    ("categorical_crossentropy", {"renormalize": 1}, ["renormalize=1", "True or False"]),
]


@pytest.mark.parametrize("name,kwargs,words", BAD, ids=[f"{n}-{'-'.join(k)}-{i}" for i, (n, k, _) in enumerate(BAD)])
def test_bad_arguments_are_named(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get("loss", name)(**kwargs)
    for w in words:
        assert w in str(info.value)


@pytest.mark.parametrize("name", LOSSES)
def test_defaults_construct(name):
    loss = reference.get("loss", name)()
    assert loss.reduction == ("sum" if name == "half_sse" else "mean")


@pytest.mark.parametrize("name", LOSSES)
def test_per_sample_losses_say_so(name):
    loss = reference.get("loss", name)()
    per_sample = name in ("categorical_crossentropy", "softmax_crossentropy", "sparse_softmax_crossentropy", "nll")
    assert loss.elementwise is not per_sample
    assert loss.target_kind == ("int" if name in ("sparse_softmax_crossentropy", "nll") else "float")


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("reduction,shape", [("none", None), ("sum", ()), ("mean", ())])
def test_float32_in_float32_out(name, reduction, shape):
    rng = np.random.default_rng(2)
    loss = reference.get("loss", name)(reduction=reduction)
    y_pred = rng.uniform(0.1, 0.9, (4, 3)).astype(np.float32)
    if loss.target_kind == "int":
        y_true = rng.integers(0, 3, 4)
    elif loss.elementwise:
        y_true = rng.uniform(0, 1, (4, 3)).astype(np.float32)
    else:
        y_true = np.eye(3, dtype=np.float32)[[0, 2, 1, 1]]
    value, cache = loss.forward(y_pred, y_true)
    want_shape = shape if shape is not None else ((4, 3) if loss.elementwise else (4,))
    assert value.dtype == np.float32 and value.shape == want_shape
    grad = loss.backward(np.ones(value.shape, np.float32), cache)
    assert grad.dtype == np.float32 and grad.shape == (4, 3)
