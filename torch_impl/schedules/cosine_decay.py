"""Cosine decay <-> ``torch.optim.lr_scheduler.CosineAnnealingLR`` (periodic after T_max).

Warm-up: ``SequentialLR([LinearLR(start_factor=η₀/η_peak, total_iters=W), CosineAnnealingLR], [W])``
on an optimizer built with lr = η_peak (LinearLR needs 0 < η₀ ≤ η_peak).
"""
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "cosine_decay")
def build(initial_learning_rate=0.01, decay_steps=100, alpha=0.0, warmup_steps=0, warmup_target=None, periodic=False):
    peak = initial_learning_rate if warmup_target is None else warmup_target

    def make(opt):
        cosine = CosineAnnealingLR(opt, T_max=decay_steps, eta_min=alpha * peak)
        if not warmup_steps:
            return cosine
        warmup = LinearLR(opt, start_factor=initial_learning_rate / peak, end_factor=1.0, total_iters=warmup_steps)
        return SequentialLR(opt, [warmup, cosine], milestones=[warmup_steps])
    return Built(TorchSchedule(peak, make, fixed={"periodic": True}))
