"""Schedules: each module registers itself; this list is the registration."""
from tf_impl.schedules import (constant_lr, cosine_decay, cosine_decay_restarts, exponential_decay,  # noqa: F401
                               inverse_time_decay, piecewise_constant, polynomial_decay, step_decay)
