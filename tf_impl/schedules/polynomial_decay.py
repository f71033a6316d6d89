"""Polynomial decay <-> ``keras.optimizers.schedules.PolynomialDecay`` (cycle=False)."""
from keras.optimizers.schedules import PolynomialDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "polynomial_decay")
def build(initial_learning_rate=0.01, decay_steps=100, end_learning_rate=0.0, power=1.0, *, steps_per_epoch=None):
    def construct(h):
        schedule = PolynomialDecay(h(initial_learning_rate), decay_steps=decay_steps,
                                   end_learning_rate=h(end_learning_rate), power=h(power), cycle=False)
        return per_epoch(schedule, steps_per_epoch)
    return Built(KerasSchedule(construct))


@variant("schedule", "polynomial_decay", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
