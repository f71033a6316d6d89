"""Bad constructor arguments of the elementwise activations: the message names the argument,
the value and what is allowed. Rows are data: (name, kwargs, words)."""
import pytest

import reference

BAD = [
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


@pytest.mark.parametrize("name,kwargs,words", BAD, ids=[f"{n}-{'-'.join(k)}" for n, k, _ in BAD])
def test_bad_arguments_are_named(name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get("activation", name)(**kwargs)
    for w in words:
        assert w in str(info.value)
