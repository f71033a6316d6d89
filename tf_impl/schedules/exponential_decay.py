"""Exponential decay <-> ``keras.optimizers.schedules.ExponentialDecay``."""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "exponential_decay")
def build(initial_learning_rate=0.01, decay_rate=0.96, decay_steps=1, *, python_floats=False):
    h = hyper(python_floats, always_exact=True)
    return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=decay_steps,
                                                decay_rate=h(decay_rate), staircase=False)))
