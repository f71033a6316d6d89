"""Inverse-time decay <-> ``keras.optimizers.schedules.InverseTimeDecay``."""
from keras.optimizers.schedules import InverseTimeDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "inverse_time_decay")
def build(initial_learning_rate=0.01, decay_steps=10, decay_rate=0.5, staircase=False, *, steps_per_epoch=None):
    def construct(h):
        schedule = InverseTimeDecay(h(initial_learning_rate), decay_steps=decay_steps, decay_rate=h(decay_rate),
                                    staircase=staircase)
        return per_epoch(schedule, steps_per_epoch)
    return Built(KerasSchedule(construct))


@variant("schedule", "inverse_time_decay", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
