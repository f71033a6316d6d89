"""L2 penalty: torch has no regularizer objects; the penalty is a term added to the loss.

    loss = data_loss + l2 * weight.square().sum()

The same update comes from torch.optim.SGD's coupled ``weight_decay`` =
``reference.regularizers.l2.weight_decay_for(l2)`` (2·l2) on the kernel's parameter group alone
(``weight_decay`` adds wd·p to the gradient: the gradient of ½·wd·‖p‖²); the runner's
via="weight_decay" trajectory checks it.
"""
import torch

from torch_impl.registry import Built, register


class L2Penalty(torch.nn.Module):
    def __init__(self, l2):
        super().__init__()
        self.l2 = l2

    def forward(self, weight):
        return self.l2 * weight.square().sum()


@register("regularizer", "l2", status="composed",
          note="no regularizer objects in torch: l2 * weight.square().sum() added to the loss, "
               "or SGD(weight_decay=2*l2) on the kernel's param group")
def build(l2=0.01):
    return Built(L2Penalty(l2))
