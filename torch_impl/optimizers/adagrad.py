"""Adagrad <-> ``torch.optim.Adagrad`` (ε outside the square root, coupled weight decay).

``lr_decay`` (torch only) is passed as 0: the reference has no such setting.
"""
import torch

from torch_impl.optimizers.base import TorchOptimizer, coupled_only
from torch_impl.registry import Built, register


@register("optimizer", "adagrad")
def build(learning_rate=0.01, initial_accumulator_value=0.0, epsilon=1e-10, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="outside_sqrt"):
    def make(params):
        return torch.optim.Adagrad(params, lr=learning_rate, lr_decay=0.0, weight_decay=weight_decay,
                                   initial_accumulator_value=initial_accumulator_value, eps=epsilon)
    fixed = {**({"epsilon_placement": "outside_sqrt"} if epsilon else {}), **coupled_only(weight_decay)}
    return Built(TorchOptimizer(make, state={"accumulator": "sum"}, fixed=fixed))
