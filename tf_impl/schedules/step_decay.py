"""Step decay <-> ``keras.optimizers.schedules.ExponentialDecay(staircase=True)``.

Per epoch of k updates: ⌊⌊count/k⌋/s⌋ = ⌊count/(s·k)⌋, so the staircase spans ``step_size·k`` updates.
"""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "step_decay")
def build(initial_learning_rate=0.01, step_size=10, gamma=0.1, *, steps_per_epoch=None):
    k = steps_per_epoch or 1                # updates per count of the schedule

    def construct(h):
        return ExponentialDecay(h(initial_learning_rate), decay_steps=step_size * k, decay_rate=h(gamma),
                                staircase=True)
    return Built(KerasSchedule(construct))


@variant("schedule", "step_decay", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
