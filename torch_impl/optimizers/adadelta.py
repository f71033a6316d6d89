"""Adadelta <-> ``torch.optim.Adadelta`` (the same formula; coupled weight decay)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer, coupled_only
from torch_impl.registry import Built, register


@register("optimizer", "adadelta")
def build(learning_rate=1.0, rho=0.95, epsilon=1e-6, weight_decay=0.0, weight_decay_mode="coupled"):
    def make(params):
        return torch.optim.Adadelta(params, lr=learning_rate, rho=rho, eps=epsilon, weight_decay=weight_decay)
    return Built(TorchOptimizer(make, state={"square_avg": "square_avg", "delta_avg": "acc_delta"},
                                fixed=coupled_only(weight_decay)))
