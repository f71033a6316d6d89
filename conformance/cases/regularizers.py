"""Cases for regularizers."""
from conformance.case import Case  # noqa: F401

CASES: list = []
