"""Inverse-time decay <-> ``keras.optimizers.schedules.InverseTimeDecay``."""
from keras.optimizers.schedules import InverseTimeDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "inverse_time_decay")
def build(initial_learning_rate=0.01, decay_steps=10, decay_rate=0.5, staircase=False, *, python_floats=False):
    h = hyper(python_floats, always_exact=True)
    return Built(KerasSchedule(InverseTimeDecay(h(initial_learning_rate), decay_steps=decay_steps,
                                                decay_rate=h(decay_rate), staircase=staircase)))
