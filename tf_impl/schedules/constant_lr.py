"""Constant <-> a number as the optimizer's ``learning_rate``."""
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "constant_lr")
def build(learning_rate=0.01, *, steps_per_epoch=None):
    # a constant is the same per update and per epoch: steps_per_epoch changes nothing
    return Built(KerasSchedule(lambda h: h(learning_rate)))
