"""Bad arguments for penalties, the max-norm constraint and early stopping: the reference always
rejects them (argument, value, what is allowed); Keras rejects negative penalty factors and
accepts the rest silently; torch (composed here) checks only inside torch.renorm.

Rows are data: (name, kwargs, words the reference's message must contain).
"""
import pytest

import reference
from conformance import frameworks
from conformance.adapter import RunContext

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
    constraint = REGISTRY.get("regularizer", "max_norm").build(max_value=-1.0).module
    with pytest.raises(RuntimeError, match="maxnorm to be >= 0"):
        constraint.apply(torch.ones(3, 2))


@pytest.mark.parametrize("framework,name,kwargs,option", [
    ("torch", "max_norm", {"epsilon": 1e-3}, "epsilon"),
    ("keras", "max_norm", {"rescale": "over_max"}, "rescale"),
    ("keras", "early_stopping", {"float32_comparison": False}, "float32_comparison"),
])
def test_a_formulation_the_framework_cannot_compute_fails_the_formulation_check(framework, name, kwargs, option):
    """Builders accept the reference's keyword for a formulation they fix, do not pass it, and declare
    what they compute; built with another value, the checker's ``formulation`` verdict fails."""
    from conformance.checkers.trajectory import formulation_check
    fw = _load(framework)
    fixed = fw.registry.get("regularizer", name).build(**kwargs).module.fixed
    ref = reference.get("regularizer", name)(**kwargs)
    check = formulation_check({ref.role: fixed}, {ref.role: ref})
    assert check.status == "fail" and f"{ref.role} {option}: framework" in check.note


@pytest.mark.parametrize("name,via,words", [("l2", "bias", "setup via='bias' is not allowed: expected one of "
                                                            "'loss', 'weight_decay'"),
                                             ("l1", "weight_decay", "only the l2 penalty")])
def test_invalid_via_is_rejected_before_any_framework_runs(name, via, words):
    from conformance.case import Case
    from conformance.checkers.distribution import regularizer_check
    case = Case(name, "regularizer", {}, {}, desc="bad", setup={"via": via, "steps": 1})
    with pytest.raises(ValueError, match=words):
        list(regularizer_check(case, None, RunContext("float64"), {}, {}))
