"""L1 + L2 penalty: torch has no regularizer objects; both terms are added to the loss."""
import torch

from torch_impl.registry import Built, register


class L1L2Penalty(torch.nn.Module):
    def __init__(self, l1, l2):
        super().__init__()
        self.l1 = l1
        self.l2 = l2

    def forward(self, weight):
        return self.l1 * weight.abs().sum() + self.l2 * weight.square().sum()


@register("regularizer", "l1_l2", status="composed",
          note="no regularizer objects in torch: l1*|w|.sum() + l2*(w**2).sum() added to the loss")
def build(l1=0.01, l2=0.01):
    return Built(L1L2Penalty(l1, l2))
