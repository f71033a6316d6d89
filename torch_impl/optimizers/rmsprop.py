"""RMSprop <-> ``torch.optim.RMSprop`` (ρ is torch's ``alpha``; ε outside the square root;
momentum_form "gradient"; coupled weight decay)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer, coupled_only
from torch_impl.registry import Built, register


@register("optimizer", "rmsprop")
def build(learning_rate=0.01, rho=0.99, epsilon=1e-8, momentum=0.0, centered=False, weight_decay=0.0,
          weight_decay_mode="coupled", epsilon_placement="outside_sqrt", momentum_form="gradient"):
    def make(params):
        return torch.optim.RMSprop(params, lr=learning_rate, alpha=rho, eps=epsilon, weight_decay=weight_decay,
                                   momentum=momentum, centered=centered)
    fixed = {**({"epsilon_placement": "outside_sqrt"} if epsilon else {}),
             **({"momentum_form": "gradient"} if momentum else {}), **coupled_only(weight_decay)}
    state = {"square_avg": "square_avg", "grad_avg": "grad_avg", "momentum": "momentum_buffer"}
    return Built(TorchOptimizer(make, state=state, fixed=fixed))
