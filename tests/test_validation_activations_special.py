"""Bad constructor arguments of prelu, rrelu, softmax, log_softmax, maxout: the message names
the argument, the value and what is allowed. Rows are data: (name, kwargs, words)."""
import numpy as np
import pytest

import reference

BAD = [
    ("prelu", {"num_parameters": 0}, ["num_parameters=0", ">= 1"]),
    ("prelu", {"num_parameters": 2.0}, ["num_parameters=2.0", "integer"]),
    ("prelu", {"init": float("nan")}, ["init=nan", "finite real number"]),
    ("prelu", {"init": "0.25"}, ["init='0.25'", "finite real number"]),
    ("prelu", {"grad_at_zero": "left"}, ["grad_at_zero='left'", "'alpha'", "'zero'"]),
    ("prelu", {"grad_at_zero": 0}, ["grad_at_zero=0", "'alpha'", "'zero'"]),
    ("rrelu", {"lower": -0.1}, ["lower=-0.1", ">= 0"]),
    ("rrelu", {"lower": 0.3, "upper": 0.2}, ["upper=0.2", ">= 0.3"]),
    ("rrelu", {"upper": float("inf")}, ["upper=inf", "finite real number"]),
    ("softmax", {"axis": 1.0}, ["axis=1.0", "integer"]),
    ("softmax", {"axis": None}, ["axis=None", "integer"]),
    ("log_softmax", {"axis": "last"}, ["axis='last'", "integer"]),
    ("maxout", {"in_features": 0, "units": 2, "pieces": 2}, ["in_features=0", ">= 1"]),
    ("maxout", {"in_features": 3, "units": -1, "pieces": 2}, ["units=-1", ">= 1"]),
    ("maxout", {"in_features": 3, "units": 2, "pieces": 0}, ["pieces=0", ">= 1"]),
    ("maxout", {"in_features": 3, "units": 2, "pieces": True}, ["pieces=True", "integer"]),
]


# Arguments that are valid alone but do not fit the input: rejected at the first forward.
MISFIT = [
    ("prelu", {"num_parameters": 3}, (2, 4), ["num_parameters=3", "4 features", "1 or 4"]),
    ("softmax", {"axis": 2}, (2, 4), ["axis=2", "2 dimensions", "[-2, 1]"]),
    ("log_softmax", {"axis": -3}, (2, 4), ["axis=-3", "[-2, 1]"]),
    ("maxout", {"in_features": 3, "units": 2, "pieces": 2}, (2, 4), ["4 features", "in_features=3"]),
]


@pytest.mark.parametrize("name,kwargs,shape,words", MISFIT, ids=[m[0] for m in MISFIT])
def test_arguments_that_do_not_fit_the_input_are_named(name, kwargs, shape, words):
    ref = reference.get("activation", name)(**kwargs)
    x = np.ones(shape)
    params = ref.init_params(np.random.default_rng(0), ref.in_features if name == "maxout" else shape[-1])
    with pytest.raises(ValueError) as info:
        ref.forward(x, params)
    for w in words:
        assert w in str(info.value)


def test_rrelu_training_needs_a_source_of_slopes():
    with pytest.raises(ValueError, match="rng .* or noise"):
        reference.get("activation", "rrelu")().forward(np.ones((2, 3)), {}, training=True)
