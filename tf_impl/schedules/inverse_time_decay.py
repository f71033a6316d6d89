"""Inverse-time decay <-> ``keras.optimizers.schedules.InverseTimeDecay``."""
from keras.optimizers.schedules import InverseTimeDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "inverse_time_decay")
def build(initial_learning_rate=0.01, decay_steps=10, decay_rate=0.5, staircase=False, *, python_floats=False,
          steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    schedule = InverseTimeDecay(h(initial_learning_rate), decay_steps=decay_steps, decay_rate=h(decay_rate),
                                staircase=staircase)
    return Built(KerasSchedule(per_epoch(schedule, steps_per_epoch)))
