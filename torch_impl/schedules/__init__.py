"""Schedules: each module registers itself; this list is the registration."""
