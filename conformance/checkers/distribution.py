"""Checkers for initializers (by distribution) and regularizers/constraints."""
CHECKERS: dict = {}
