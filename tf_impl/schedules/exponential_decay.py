"""Exponential decay <-> ``keras.optimizers.schedules.ExponentialDecay``.

Per epoch of k updates: r^(⌊count/k⌋/d) = (r^(1/d))^⌊count/k⌋, Keras's staircase over k updates with
decay_rate r^(1/d) (r itself for the default d = 1, ``ExponentialLR(gamma=r)`` stepped per epoch).
"""
from keras.optimizers.schedules import ExponentialDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "exponential_decay")
def build(initial_learning_rate=0.01, decay_rate=0.96, decay_steps=1, *, steps_per_epoch=None):
    k = steps_per_epoch or 1                # updates per count of the schedule

    def construct(h):
        if k == 1:
            return ExponentialDecay(h(initial_learning_rate), decay_steps=decay_steps, decay_rate=h(decay_rate),
                                    staircase=False)
        return ExponentialDecay(h(initial_learning_rate), decay_steps=k,
                                decay_rate=h(decay_rate ** (1.0 / decay_steps)), staircase=True)
    return Built(KerasSchedule(construct))


@variant("schedule", "exponential_decay", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
