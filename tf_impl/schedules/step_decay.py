"""Step decay <-> ``keras.optimizers.schedules.ExponentialDecay(staircase=True)``.

Per epoch of k updates: ⌊⌊count/k⌋/s⌋ = ⌊count/(s·k)⌋, so the staircase spans ``step_size·k`` updates.
"""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "step_decay")
def build(initial_learning_rate=0.01, step_size=10, gamma=0.1, *, python_floats=False,
          steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    k = steps_per_epoch or 1                # updates per count of the schedule
    return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=step_size * k,
                                                decay_rate=h(gamma), staircase=True)))
