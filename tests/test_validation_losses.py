"""Bad constructor arguments and bad class labels of the losses: the message names the argument,
the value and what is allowed.

Rows are data: (name, kwargs, words the message must contain).
"""
import inspect

import numpy as np
import pytest

import reference

LOSSES = reference.all_names("loss")
LABEL_LOSSES = [n for n in LOSSES if reference.get("loss", n).target_kind == "int"]

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


# Labels for y_pred of shape (4, 3): (labels, words the message must contain).
BAD_LABELS = [
    (np.array([0, 3, 1, 2]), ["y_true[1]=3", "[0, 3)"]),
    (np.array([0, 1, -1, 2]), ["y_true[2]=-1", "[0, 3)"]),
    (np.array([0.0, 1.0, 2.0, 1.0]), ["y_true", "float64", "integer class labels"]),
    (np.array([[0], [1], [2], [1]]), ["y_true", "(4, 1)", "(4,)"]),
]


@pytest.mark.parametrize("name", LABEL_LOSSES)
@pytest.mark.parametrize("labels,words", BAD_LABELS, ids=["too_large", "negative", "float", "shape"])
def test_bad_labels_are_named(name, labels, words):
    with pytest.raises(ValueError) as info:
        reference.get("loss", name)().forward(np.zeros((4, 3)), labels)
    for w in words:
        assert w in str(info.value)


@pytest.mark.parametrize("name", LOSSES)
def test_defaults_construct(name):
    loss = reference.get("loss", name)()
    assert loss.reduction == inspect.signature(type(loss)).parameters["reduction"].default


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("reduction,shape", [("none", None), ("sum", ()), ("mean", ())])
def test_float32_in_float32_out(name, reduction, shape):
    """Also the flags the harness reads: "none" gives (N, C) for elementwise losses and (N,)
    for per-sample ones; integer targets are labels."""
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
