"""Cases for schedules."""
from conformance.case import Case  # noqa: F401

CASES: list = []
