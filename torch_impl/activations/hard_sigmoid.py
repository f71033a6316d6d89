"""HardSigmoid composed as ``torch.nn.ReLU6()(x + 3) / 6``, because nn.Hardsigmoid's backward
is inexact in float64.

torch.nn.Hardsigmoid's forward is relu6(x + 3) / 6, as the reference, but its backward
multiplies by 1/6 rounded to float32 (0.1666666716 instead of 0.1666666667, 3e-8 relative)
also in float64. ReLU6's backward and the division by 6 are exact, and ReLU6 gives 0 at its
kinks like nn.Hardsigmoid at x = ±3. ``module=True`` uses nn.Hardsigmoid (the divergence run).
"""
import torch

from torch_impl.registry import Built, register


class HardSigmoidFromReLU6(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.relu6 = torch.nn.ReLU6()

    def forward(self, x):
        return self.relu6(x + 3) / 6


@register("activation", "hard_sigmoid", status="composed",
          note="nn.Hardsigmoid's backward uses float32 1/6 in float64; relu6(x + 3) / 6 with nn.ReLU6")
def build(*, module=False):
    if module:
        return Built(torch.nn.Hardsigmoid())
    return Built(HardSigmoidFromReLU6())
