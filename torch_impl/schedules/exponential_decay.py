"""Exponential decay <-> ``torch.optim.lr_scheduler.ExponentialLR(gamma = decay_rate^(1/decay_steps))``.

ExponentialLR decays every ``step()``; a decay over ``decay_steps`` updates is its k-th root.
"""
from torch.optim.lr_scheduler import ExponentialLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "exponential_decay")
def build(initial_learning_rate=0.01, decay_rate=0.96, decay_steps=1):
    gamma = decay_rate ** (1.0 / decay_steps)
    return Built(TorchSchedule(initial_learning_rate, lambda opt: ExponentialLR(opt, gamma=gamma)))
