"""Adam / AMSGrad <-> ``torch.optim.Adam`` (ε after the bias correction; weight decay coupled,
or decoupled with ``decoupled_weight_decay=True``)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer
from torch_impl.registry import Built, register

STATE = {"m": "exp_avg", "v": "exp_avg_sq", "v_max": "max_exp_avg_sq"}


@register("optimizer", "adam")
def build(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="after_correction"):
    def make(params):
        return torch.optim.Adam(params, lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon,
                                weight_decay=weight_decay, amsgrad=amsgrad,
                                decoupled_weight_decay=weight_decay_mode == "decoupled")
    fixed = {"epsilon_placement": "after_correction"} if epsilon else {}
    return Built(TorchOptimizer(make, state=STATE, fixed=fixed))
