"""Bad arguments for penalties, the max-norm constraint and early stopping: the reference always
rejects them (argument, value, what is allowed); Keras rejects negative penalty factors and
accepts the rest silently; torch (composed here) checks only inside torch.renorm.

Rows are data: (name, kwargs, words the reference's message must contain).
"""
import pytest

import reference
from conformance import frameworks

BAD = [
    ("l1", {"l1": -0.1}, ["l1=-0.1", ">= 0.0"]),
    ("l2", {"l2": -1e-3}, ["l2=-0.001", ">= 0.0"]),
    ("l2", {"l2": "0.1"}, ["l2='0.1'", "finite real number"]),
    ("l1_l2", {"l2": float("nan")}, ["l2=nan", "finite real number"]),
    ("max_norm", {"max_value": 0.0}, ["max_value=0.0", "> 0.0"]),
    ("max_norm", {"max_value": -2.0}, ["max_value=-2.0", "> 0.0"]),
    ("max_norm", {"axis": 0.5}, ["axis=0.5", "integer"]),
    ("max_norm", {"epsilon": -1e-7}, ["epsilon=-1e-07", ">= 0.0"]),
    ("max_norm", {"rescale": "some"}, ["rescale='some'", "'over_max', 'all'"]),
    ("early_stopping", {"patience": -1}, ["patience=-1", ">= 0"]),
    ("early_stopping", {"patience": 1.5}, ["patience=1.5", "integer"]),
    ("early_stopping", {"min_delta": -0.1}, ["min_delta=-0.1", ">= 0.0"]),
    ("early_stopping", {"restore_best_weights": 1}, ["restore_best_weights=1", "True or False"]),
]


@pytest.mark.parametrize("name,kwargs,words", BAD, ids=[f"{n}-{'-'.join(k)}" for n, k, _ in BAD])
def test_reference_rejects(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get("regularizer", name)(**kwargs)
    for w in words:
        assert w in str(info.value)


def _load(name):
    try:
        return frameworks.load(name)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize("cls,kwargs", [("L1", {"l1": -0.1}), ("L2", {"l2": -0.1}), ("L1L2", {"l1": -0.1})])
def test_keras_rejects_negative_factors(cls, kwargs):
    _load("keras")
    import keras
    with pytest.raises(ValueError, match="non-negative"):
        getattr(keras.regularizers, cls)(**kwargs)


def test_keras_accepts_silently():
    """MaxNorm(max_value < 0) is accepted; EarlyStopping takes |min_delta| and any patience."""
    _load("keras")
    import keras
    assert keras.constraints.MaxNorm(max_value=-1.0).max_value == -1.0
    es = keras.callbacks.EarlyStopping(min_delta=-0.1, patience=-3)
    assert (es.min_delta, es.patience) == (0.1, -3)


def test_torch_renorm_rejects_a_negative_max():
    _load("torch")
    import torch
    from torch_impl.registry import REGISTRY
    constrain_ = REGISTRY.get("regularizer", "max_norm").build(max_value=-1.0).module
    with pytest.raises(RuntimeError, match="maxnorm to be >= 0"):
        constrain_(torch.ones(3, 2))


@pytest.mark.parametrize("framework", ["torch", "keras"])
def test_builders_reject_a_formulation_the_framework_cannot_compute(framework):
    fw = _load(framework)
    with pytest.raises(ValueError, match="epsilon=0.001"):
        fw.registry.get("regularizer", "max_norm").build(epsilon=1e-3)
