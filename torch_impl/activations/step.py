"""Step <-> ``torch.heaviside`` (a function; torch.nn has no module), wrapped in a module.

torch.heaviside has no backward; the reference step is ``differentiable = False``, so the
harness never asks for one.
"""
import torch

from torch_impl.registry import Built, register


class Heaviside(torch.nn.Module):
    def __init__(self, value_at_zero: float):
        super().__init__()
        self.value_at_zero = value_at_zero

    def forward(self, x):
        # ``values`` must be a tensor of x's dtype: the Python float is rounded to x's dtype (exact in
        # float64), as the reference holds value_at_zero in the array's dtype.
        return torch.heaviside(x, torch.tensor(self.value_at_zero, dtype=x.dtype, device=x.device))


@register("activation", "step", note="torch.heaviside wrapped in a module (torch.nn has no Heaviside)")
def build(value_at_zero=1.0):
    return Built(Heaviside(value_at_zero=value_at_zero))
