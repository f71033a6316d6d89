"""Cases for initializers."""
from conformance.case import Case  # noqa: F401

CASES: list = []
