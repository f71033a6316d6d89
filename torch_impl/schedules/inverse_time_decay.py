"""Inverse-time decay: PyTorch has no such scheduler; ``LambdaLR`` with the factor 1/(1 + r·c/k)."""
from torch.optim.lr_scheduler import LambdaLR

from torch_impl.registry import Built, register
from torch_impl.schedules.base import TorchSchedule


@register("schedule", "inverse_time_decay", status="composed",
          note="no inverse-time scheduler in torch.optim.lr_scheduler: LambdaLR with 1/(1 + r·count/k)")
def build(initial_learning_rate=0.01, decay_steps=10, decay_rate=0.5, staircase=False):
    def factor(count):
        p = count // decay_steps if staircase else count / decay_steps
        return 1.0 / (1.0 + decay_rate * p)
    return Built(TorchSchedule(initial_learning_rate, lambda opt: LambdaLR(opt, factor)))
