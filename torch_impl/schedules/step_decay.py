"""Step decay <-> ``torch.optim.lr_scheduler.StepLR``."""
from torch.optim.lr_scheduler import StepLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "step_decay")
def build(initial_learning_rate=0.01, step_size=10, gamma=0.1):
    return Built(TorchSchedule(initial_learning_rate, lambda opt: StepLR(opt, step_size=step_size, gamma=gamma)))
