"""AdamW <-> ``torch.optim.AdamW`` (ε after the bias correction)."""
import torch

from torch_impl.optimizers.adam import STATE
from torch_impl.optimizers.base import TorchOptimizer
from torch_impl.registry import Built, register


@register("optimizer", "adamw")
def build(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=1e-2,
          epsilon_placement="after_correction"):
    def make(params):
        return torch.optim.AdamW(params, lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon,
                                 weight_decay=weight_decay, amsgrad=amsgrad)
    fixed = {"epsilon_placement": "after_correction"} if epsilon else {}
    return Built(TorchOptimizer(make, state=STATE, fixed=fixed))
