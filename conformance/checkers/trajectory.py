"""Checkers for optimizers, schedules and clipping (whole trajectories)."""
CHECKERS: dict = {}
