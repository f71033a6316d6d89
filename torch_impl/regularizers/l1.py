"""L1 penalty: torch has no regularizer objects; the penalty is a term added to the loss.

    loss = data_loss + l1 * weight.abs().sum()
"""
import torch

from torch_impl.registry import Built, register


class L1Penalty(torch.nn.Module):
    def __init__(self, l1):
        super().__init__()
        self.l1 = l1

    def forward(self, weight):
        return self.l1 * weight.abs().sum()


@register("regularizer", "l1", status="composed",
          note="no regularizer objects in torch: l1 * weight.abs().sum() added to the loss")
def build(l1=0.01):
    return Built(L1Penalty(l1))
