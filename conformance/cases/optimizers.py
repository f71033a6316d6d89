"""Cases for optimizers."""
from conformance.case import Case  # noqa: F401

CASES: list = []
