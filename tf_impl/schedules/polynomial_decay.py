"""Polynomial decay <-> ``keras.optimizers.schedules.PolynomialDecay`` (cycle=False)."""
from keras.optimizers.schedules import PolynomialDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "polynomial_decay")
def build(initial_learning_rate=0.01, decay_steps=100, end_learning_rate=0.0, power=1.0, *, python_floats=False,
          steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    schedule = PolynomialDecay(h(initial_learning_rate), decay_steps=decay_steps,
                               end_learning_rate=h(end_learning_rate), power=h(power), cycle=False)
    return Built(KerasSchedule(per_epoch(schedule, steps_per_epoch)))
