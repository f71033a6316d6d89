"""Bad constructor arguments in the reference: the message names argument, value, allowed set.

The rows are data, one table per family (here, or ``BAD`` in tests/test_validation_<family>.py
beside that family's other validation tests), each row (name, kwargs, words the message must
contain), optimizers with the kind first; this one test runs them all.
"""
import pytest

import reference
import test_validation_activations_special as activations_special
import test_validation_initializers as initializers
import test_validation_losses as losses
import test_validation_optimizers as optimizers
import test_validation_regularizers as regularizers

LAYERS = [
    ("dense", {"in_features": 0, "units": 3}, ["in_features=0", ">= 1"]),
    ("dense", {"in_features": 3, "units": 2.5}, ["units=2.5", "integer"]),
    ("dense", {"in_features": 3, "units": 2, "use_bias": "yes"}, ["use_bias='yes'", "True or False"]),
    # recurrent layers (more in tests/test_recurrent.py)
    ("simple_rnn", {"in_features": 0, "units": 2}, ["in_features=0", ">= 1"]),
    ("lstm", {"in_features": 3, "units": 2, "initial_state": "random"}, ["initial_state='random'", "'learned'"]),
    ("lstm", {"in_features": 3, "units": 2, "recurrent_bias": 1}, ["recurrent_bias=1", "True or False"]),
    ("gru", {"in_features": 3, "units": 2, "reset_after": "no"}, ["reset_after='no'", "True or False"]),
    # convolution (more rows, and bad inputs, in test_convolution.py)
    ("conv2d", {"in_channels": 3, "filters": 0, "kernel_size": 3}, ["filters=0", ">= 1"]),
    ("conv2d", {"in_channels": 3, "filters": 2, "kernel_size": 3, "padding": "causal"}, ["padding='causal'", "'valid'"]),
    ("conv1d", {"in_channels": 4, "filters": 2, "kernel_size": 3, "groups": 3}, ["groups=3", "multiple of groups"]),
    ("conv2d_transpose", {"in_channels": 3, "filters": 2, "kernel_size": (3,)}, ["kernel_size=(3,)", "2 integers"]),
]

ACTIVATIONS = [   # elementwise activations; the others' rows are in test_validation_activations_special.py
    ("step", {"value_at_zero": "half"}, ["value_at_zero='half'", "finite real number"]),
    ("step", {"value_at_zero": float("nan")}, ["value_at_zero=nan", "finite real number"]),
    ("sign", {"value_at_zero": None}, ["value_at_zero=None", "finite real number"]),
    ("leaky_relu", {"negative_slope": "0.01"}, ["negative_slope='0.01'", "finite real number"]),
    ("leaky_relu", {"negative_slope": float("inf")}, ["negative_slope=inf", "finite real number"]),
    ("elu", {"alpha": True}, ["alpha=True", "finite real number"]),
    ("elu", {"alpha": float("-inf")}, ["alpha=-inf", "finite real number"]),
    ("softplus", {"beta": 0}, ["beta=0", "> 0"]),
    ("softplus", {"beta": -1.0}, ["beta=-1.0", "> 0"]),
    ("softplus", {"beta": "1"}, ["beta='1'", "finite real number"]),
    ("hard_tanh", {"min_val": 1.0, "max_val": 1.0}, ["max_val=1.0", "> 1.0"]),
    ("hard_tanh", {"min_val": 0.5, "max_val": -0.5}, ["max_val=-0.5", "> 0.5"]),
    ("hard_tanh", {"min_val": float("nan")}, ["min_val=nan", "finite real number"]),
    ("hard_tanh", {"grad_at_bounds": 0.5}, ["grad_at_bounds=0.5", "0.0", "1.0"]),
    ("hard_tanh", {"grad_at_bounds": True}, ["grad_at_bounds=True", "finite real number"]),
    ("hard_tanh", {"grad_at_bounds": "1"}, ["grad_at_bounds='1'", "finite real number"]),
    ("selu", {"grad_at_zero": "both"}, ["grad_at_zero='both'", "'left'", "'right'"]),
    ("selu", {"grad_at_zero": 0.0}, ["grad_at_zero=0.0", "'left'", "'right'"]),
    ("gelu", {"approximate": "erf"}, ["approximate='erf'", "'none'", "'tanh'"]),
    ("gelu", {"approximate": False}, ["approximate=False", "'none'", "'tanh'"]),   # Keras's bool spelling
]

MODELS = [   # the classic algorithms; Sequential's layer list is checked in test_models.py
    ("normal_equations", {"l2": -1.0}, ["l2=-1.0", ">= 0.0"]),
    ("normal_equations", {"l2": float("nan")}, ["l2=nan", "finite real number"]),
    ("normal_equations", {"l2": "0"}, ["l2='0'", "finite real number"]),
    ("normal_equations", {"fit_intercept": 1}, ["fit_intercept=1", "True or False"]),
    ("perceptron", {"learning_rate": 0}, ["learning_rate=0", "> 0.0"]),
    ("perceptron", {"learning_rate": -0.5}, ["learning_rate=-0.5", "> 0.0"]),
    ("perceptron", {"learning_rate": float("inf")}, ["learning_rate=inf", "finite real number"]),
]

METRICS = [
    ("binary_accuracy", {"threshold": "0.5"}, ["threshold='0.5'", "finite real number"]),
    ("binary_accuracy", {"threshold": float("nan")}, ["threshold=nan", "finite real number"]),
    ("binary_accuracy", {"threshold": float("inf")}, ["threshold=inf", "finite real number"]),
    ("binary_accuracy", {"threshold": None}, ["threshold=None", "finite real number"]),
    ("binary_accuracy", {"threshold": True}, ["threshold=True", "finite real number"]),
]

ROWS = [
    *(("layer", *row) for row in LAYERS),
    *(("activation", *row) for row in (*ACTIVATIONS, *activations_special.BAD)),
    *(("loss", *row) for row in losses.BAD),
    *optimizers.BAD,
    *(("initializer", *row) for row in initializers.BAD),
    *(("regularizer", *row) for row in regularizers.BAD),
    *(("metric", *row) for row in METRICS),
    *(("model", *row) for row in MODELS),
]


@pytest.mark.parametrize("kind,name,kwargs,words", ROWS,
                         ids=[f"{k}-{n}-{'-'.join(kw)}-{i}" for i, (k, n, kw, _) in enumerate(ROWS)])
def test_bad_arguments_are_named(kind, name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get(kind, name)(**kwargs)
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_unknown_component_lists_valid_names():
    with pytest.raises(KeyError) as info:
        reference.get("activation", "relu7")
    assert "relu7" in str(info.value) and "valid names" in str(info.value) and "relu" in str(info.value)
