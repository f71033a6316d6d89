"""Polynomial decay <-> ``torch.optim.lr_scheduler.PolynomialLR`` (decays to 0 only)."""
from torch.optim.lr_scheduler import PolynomialLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "polynomial_decay")
def build(initial_learning_rate=0.01, decay_steps=100, end_learning_rate=0.0, power=1.0):
    if end_learning_rate != 0:
        raise ValueError(f"end_learning_rate={end_learning_rate!r} is not allowed: torch.optim.lr_scheduler."
                         "PolynomialLR always decays to 0")
    return Built(TorchSchedule(initial_learning_rate,
                               lambda opt: PolynomialLR(opt, total_iters=decay_steps, power=power)))
