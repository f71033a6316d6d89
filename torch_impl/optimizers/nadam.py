"""Nadam <-> ``torch.optim.NAdam`` (ψ is ``momentum_decay``; weight decay coupled, or decoupled
with ``decoupled_weight_decay=True``)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer
from torch_impl.registry import Built, register


@register("optimizer", "nadam")
def build(learning_rate=2e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, momentum_decay=4e-3, weight_decay=0.0,
          weight_decay_mode="coupled"):
    def make(params):
        return torch.optim.NAdam(params, lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon,
                                 weight_decay=weight_decay, momentum_decay=momentum_decay,
                                 decoupled_weight_decay=weight_decay_mode == "decoupled")
    return Built(TorchOptimizer(make, state={"m": "exp_avg", "v": "exp_avg_sq"}, scalars={"mu_product": "mu_product"}))
