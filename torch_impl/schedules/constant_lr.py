"""Constant <-> no scheduler: the optimizer's ``lr``."""
from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "constant_lr")
def build(learning_rate=0.01):
    return Built(TorchSchedule(base_lr=learning_rate, make=None))
