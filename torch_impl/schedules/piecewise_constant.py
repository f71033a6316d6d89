"""Piecewise constant <-> ``torch.optim.lr_scheduler.MultiStepLR`` (switch "at_boundary").

MultiStepLR multiplies by one γ at every milestone, so the values must be geometric:
values[i] = values[0]·γⁱ, with γ = values[1]/values[0].
"""
import math

from torch.optim.lr_scheduler import MultiStepLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "piecewise_constant")
def build(boundaries=(30, 60), values=(0.01, 0.005, 0.0025), switch="at_boundary"):
    gamma = values[1] / values[0]
    if not all(math.isclose(v, values[0] * gamma ** i, rel_tol=1e-12) for i, v in enumerate(values)):
        raise ValueError(f"values={tuple(values)!r} is not allowed: MultiStepLR needs values[i] = values[0]·γ^i")
    return Built(TorchSchedule(values[0], lambda opt: MultiStepLR(opt, milestones=list(boundaries), gamma=gamma),
                               fixed={"switch": "at_boundary"}))
