"""Exponential decay <-> ``keras.optimizers.schedules.ExponentialDecay``.

Per epoch of k updates: r^(⌊count/k⌋/d) = (r^(1/d))^⌊count/k⌋, Keras's staircase over k updates with
decay_rate r^(1/d) (r itself for the default d = 1, ``ExponentialLR(gamma=r)`` stepped per epoch).
"""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "exponential_decay")
def build(initial_learning_rate=0.01, decay_rate=0.96, decay_steps=1, *, python_floats=False,
          steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    k = steps_per_epoch or 1                # updates per count of the schedule
    if k == 1:
        return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=decay_steps,
                                                    decay_rate=h(decay_rate), staircase=False)))
    return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=k,
                                                decay_rate=h(decay_rate ** (1.0 / decay_steps)), staircase=True)))
