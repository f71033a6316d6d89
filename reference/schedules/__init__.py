"""Schedules: each module registers itself; ``reference.registry.load_package`` imports every module here."""
