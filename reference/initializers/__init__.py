"""Initializers: each module registers itself; this list is the registration."""
