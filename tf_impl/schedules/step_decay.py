"""Step decay <-> ``keras.optimizers.schedules.ExponentialDecay(staircase=True)``."""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "step_decay")
def build(initial_learning_rate=0.01, step_size=10, gamma=0.1, *, python_floats=False):
    h = hyper(python_floats, always_exact=True)
    return Built(KerasSchedule(ExponentialDecay(h(initial_learning_rate), decay_steps=step_size, decay_rate=h(gamma),
                                                staircase=True)))
