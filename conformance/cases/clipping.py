"""Cases for clipping."""
from conformance.case import Case  # noqa: F401

CASES: list = []
