"""Cosine decay with restarts <-> ``torch.optim.lr_scheduler.CosineAnnealingWarmRestarts``.

Its ``T_mult`` is an integer and it has no ``m_mul`` (every period restarts at η₀); it counts
whole periods (restart_index "count").
"""
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "cosine_decay_restarts")
def build(initial_learning_rate=0.01, first_decay_steps=10, t_mul=2.0, m_mul=1.0, alpha=0.0, restart_index="count"):
    if m_mul != 1.0:
        raise ValueError(f"m_mul={m_mul!r} is not allowed: CosineAnnealingWarmRestarts restarts at the initial lr "
                         "(m_mul = 1 only)")
    if t_mul != int(t_mul):
        raise ValueError(f"t_mul={t_mul!r} is not allowed: CosineAnnealingWarmRestarts takes an integer T_mult")
    return Built(TorchSchedule(initial_learning_rate, lambda opt: CosineAnnealingWarmRestarts(
        opt, T_0=first_decay_steps, T_mult=int(t_mul), eta_min=alpha * initial_learning_rate),
        fixed={"restart_index": "count"}))
