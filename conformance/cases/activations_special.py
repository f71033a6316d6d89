"""Cases for activations with parameters, randomness or an axis: prelu, rrelu, softmax, log_softmax, maxout."""
from conformance.case import Case  # noqa: F401

CASES: list = []
