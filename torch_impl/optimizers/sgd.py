"""SGD <-> ``torch.optim.SGD`` (momentum_form "gradient", coupled weight decay)."""
import torch

from torch_impl.optimizers.base import TorchOptimizer, coupled_only
from torch_impl.registry import Built, register


@register("optimizer", "sgd")
def build(learning_rate=0.01, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0,
          weight_decay_mode="coupled", momentum_form="gradient"):
    def make(params):
        return torch.optim.SGD(params, lr=learning_rate, momentum=momentum, dampening=dampening, nesterov=nesterov,
                               weight_decay=weight_decay)
    fixed = {**({"momentum_form": "gradient"} if momentum else {}), **coupled_only(weight_decay)}
    return Built(TorchOptimizer(make, state={"momentum": "momentum_buffer"}, step_key=None, fixed=fixed))
