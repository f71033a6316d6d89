"""Adamax <-> ``torch.optim.Adamax`` (ε inside the max; coupled weight decay)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer, coupled_only
from torch_impl.registry import Built, register


@register("optimizer", "adamax")
def build(learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, weight_decay=0.0, weight_decay_mode="coupled",
          epsilon_placement="in_max"):
    def make(params):
        return torch.optim.Adamax(params, lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon,
                                  weight_decay=weight_decay)
    fixed = {**({"epsilon_placement": "in_max"} if epsilon else {}), **coupled_only(weight_decay)}
    return Built(TorchOptimizer(make, state={"m": "exp_avg", "u": "exp_inf"}, fixed=fixed))
