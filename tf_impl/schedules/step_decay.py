"""Step decay <-> ``keras.optimizers.schedules.ExponentialDecay(staircase=True)``.

Per epoch of k updates: ⌊⌊count/k⌋/s⌋ = ⌊count/(s·k)⌋, so the staircase spans ``step_size·k`` updates.
"""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule, updates_per_count


@register("schedule", "step_decay")
def build(initial_learning_rate=0.01, step_size=10, gamma=0.1, *, python_floats=False,
          steps_per_epoch=None, step_every_update=False):
    h = hyper(python_floats, always_exact=True)
    k = updates_per_count(steps_per_epoch, step_every_update)
    return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=step_size * k,
                                                decay_rate=h(gamma), staircase=True)))
