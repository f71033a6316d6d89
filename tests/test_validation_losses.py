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


# --- the boundary of forward: dtypes, shapes and domains (reference/losses/checks.py) ---------
# Rows: (loss, y_pred, y_true, words the message must contain). The rule: y_pred is float32 or
# float64, float targets have y_pred's dtype and shape, labels are integers in [0, C).
P = np.array([[0.2, 0.1, 0.7]])                          # (1, 3) probabilities
ONEHOT = np.array([[0.0, 0.0, 1.0]])
BAD_INPUTS = [
    # integer and boolean arrays: categorical CE gave 0.0 (true 0.357) with an int64 gradient,
    # mse gave 2 for 2.5
    ("categorical_crossentropy", P, np.array([[0, 0, 1]]), ["y_true", "int64", "float32 or float64"]),
    ("mse", np.array([[1, 2]]), np.array([[2, 4]]), ["y_pred", "int64", "float32 or float64"]),
    ("mse", np.array([[1.0, 2.0]]), np.array([[2, 0]]), ["y_true", "int64", "float64"]),
    ("bce", np.array([[0.5, 0.5]]), np.array([[True, False]]), ["y_true", "bool", "float64"]),
    ("mae", np.array([[0.5, 0.5]], np.float32), np.array([[1.0, 0.0]]), ["y_true", "float64", "float32", "y_pred"]),
    ("nll", np.log(P).astype(np.float16), np.array([2]), ["y_pred", "float16", "float32 or float64"]),
    ("sparse_softmax_crossentropy", P, np.array([True]), ["y_true", "bool", "integer class labels"]),
    ("sparse_softmax_crossentropy", P, [2], ["y_true", "list", "integer class labels"]),
    # shapes that would broadcast: (4, 1) against (4,) gave a (4, 4) loss
    ("mse", np.zeros((4, 1)), np.zeros(4), ["y_true", "(4,)", "(4, 1)"]),
    ("bce_with_logits", np.zeros((2, 3)), np.zeros((1, 3)), ["y_true", "(1, 3)", "(2, 3)"]),
    ("softmax_crossentropy", np.zeros((2, 3)), np.zeros((2, 1)), ["y_true", "(2, 1)", "(2, 3)"]),
    # sparse losses and NLL on 1-D or 3-D predictions
    *[(name, y_pred, np.array([0]), ["y_pred", shape, "2 dimensions (N, C)"])
      for name in ("sparse_softmax_crossentropy", "nll", "sparse_categorical_crossentropy")
      for y_pred, shape in ((np.full(3, 1 / 3), "(3,)"), (np.full((1, 2, 3), 1 / 3), "(1, 2, 3)"))],
    ("categorical_crossentropy", np.full((1, 2, 3), 1 / 3), np.full((1, 2, 3), 1 / 3),
     ["y_pred", "(1, 2, 3)", "(N, C)"]),
    # probabilities outside [0, 1], ±inf included (NaN passes: it propagates)
    ("bce", np.array([[0.5, 1.5]]), np.array([[1.0, 0.0]]), ["y_pred[0, 1]=1.5", "probabilities in [0, 1]"]),
    ("bce", np.array([[-0.1, 0.5]]), np.array([[1.0, 0.0]]), ["y_pred[0, 0]=-0.1", "probabilities in [0, 1]"]),
    ("categorical_crossentropy", np.array([[0.2, np.inf, 0.7]]), ONEHOT, ["y_pred[0, 1]=inf", "probabilities"]),
    ("categorical_crossentropy", np.array([[2.0, 1.0, 7.0]]), ONEHOT, ["y_pred[0, 0]=2.0", "probabilities"]),
    ("sparse_categorical_crossentropy", np.array([[0.2, -0.1, 0.9]]), np.array([2]),
     ["y_pred[0, 1]=-0.1", "probabilities in [0, 1]"]),
    # targets outside [0, 1]: negative, or a "one-hot" with 2 in it (soft and unnormalised rows in [0, 1] pass)
    ("bce", np.array([[0.5, 0.5]]), np.array([[1.0, -1.0]]), ["y_true[0, 1]=-1.0", "targets in [0, 1]"]),
    ("bce_with_logits", np.array([[0.5, 0.5]]), np.array([[2.0, 0.0]]), ["y_true[0, 0]=2.0", "targets in [0, 1]"]),
    ("categorical_crossentropy", P, np.array([[0.0, -1.0, 2.0]]), ["y_true[0, 1]=-1.0", "targets in [0, 1]"]),
    ("softmax_crossentropy", np.zeros((1, 3)), np.array([[0.0, 0.0, 2.0]]), ["y_true[0, 2]=2.0", "targets in [0, 1]"]),
    ("softmax_crossentropy", np.zeros((1, 3)), np.array([[0.0, np.inf, 0.0]]), ["y_true[0, 1]=inf", "targets"]),
]


@pytest.mark.parametrize("name,y_pred,y_true,words", BAD_INPUTS,
                         ids=[f"{row[0]}-{i}" for i, row in enumerate(BAD_INPUTS)])
def test_bad_inputs_are_named(name, y_pred, y_true, words):
    with pytest.raises(ValueError) as info:
        reference.get("loss", name)().forward(y_pred, y_true)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_float_targets_compute_what_integer_ones_did_not():
    """The two reported results, now from float inputs: 0.357 (not 0.0) and 2.5 (not 2)."""
    value = reference.get("loss", "categorical_crossentropy")()(P, ONEHOT)
    assert value == pytest.approx(-np.log(0.7), rel=1e-15)
    assert reference.get("loss", "mse")()(np.array([[1.0, 2.0]]), np.array([[2.0, 4.0]])) == 2.5


@pytest.mark.parametrize("name,y_pred,y_true", [
    ("bce", np.array([[0.0, 1.0, np.nan]]), np.array([[0.0, 1.0, 0.5]])),
    ("categorical_crossentropy", np.array([[np.nan, 0.5, 0.5]]), np.array([[0.3, 0.7, 0.0]])),
    ("softmax_crossentropy", np.array([[np.inf, -np.inf, np.nan]]), np.array([[0.2, 0.0, 1.0]])),
    ("sparse_categorical_crossentropy", np.array([[0.0, 1.0, np.nan]]), np.array([1])),
], ids=["bce", "categorical_crossentropy", "softmax_crossentropy", "sparse_categorical_crossentropy"])
def test_domain_edges_soft_targets_and_nan_pass(name, y_pred, y_true):
    """The closed ends 0 and 1, soft and unnormalised targets, and NaN (which propagates) are allowed."""
    reference.get("loss", name)(reduction="none").forward(y_pred, y_true)
