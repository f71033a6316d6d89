"""Bad constructor arguments in the reference: the message names argument, value, allowed set.

Rows are data: (kind, name, kwargs, words the message must contain).
"""
import pytest

import reference

BAD = [
    ("layer", "dense", {"in_features": 0, "units": 3}, ["in_features=0", ">= 1"]),
    ("layer", "dense", {"in_features": 3, "units": 2.5}, ["units=2.5", "integer"]),
    ("layer", "dense", {"in_features": 3, "units": 2, "use_bias": "yes"}, ["use_bias='yes'", "True or False"]),
    ("loss", "mse", {"reduction": "avg"}, ["reduction='avg'", "'mean'", "'sum'", "'none'"]),
]


@pytest.mark.parametrize("kind,name,kwargs,words", BAD, ids=[f"{n}-{'-'.join(k)}" for _, n, k, _ in BAD])
def test_bad_arguments_are_named(kind, name, kwargs, words):
    with pytest.raises(ValueError) as info:
        reference.get(kind, name)(**kwargs)
    for w in words:
        assert w in str(info.value)


def test_unknown_component_lists_valid_names():
    with pytest.raises(KeyError) as info:
        reference.get("activation", "relu7")
    assert "relu7" in str(info.value) and "valid names" in str(info.value) and "relu" in str(info.value)
