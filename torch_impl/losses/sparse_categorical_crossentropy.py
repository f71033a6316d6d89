"""Sparse categorical cross-entropy on probabilities, composed: ``nn.NLLLoss(torch.log(q), k)``.

torch has no cross-entropy on probabilities (``nn.CrossEntropyLoss`` takes logits); with
integer labels the torch idiom is ``nn.NLLLoss`` on ``torch.log`` of the probabilities, which is
−log q_k, value and gradient. ``eps`` and ``renormalize`` are passed as an explicit
``torch.clamp`` and ``q / q.sum(-1)``, in the reference's order (clip, renormalise, log), which
is Keras's order for this loss. ``nn.NLLLoss`` reduces like the reference ('mean' divides by N).
"""
import torch

from torch_impl.registry import Built, register


class ProbabilitySparseCrossEntropy(torch.nn.Module):
    def __init__(self, reduction: str, eps: float, renormalize: bool):
        super().__init__()
        self.nll = torch.nn.NLLLoss(reduction=reduction)
        self.eps = eps
        self.renormalize = renormalize

    def forward(self, input, target):
        input = torch.clamp(input, self.eps, 1.0 - self.eps)
        if self.renormalize:
            input = input / input.sum(dim=-1, keepdim=True)
        return self.nll(torch.log(input), target)


@register("loss", "sparse_categorical_crossentropy", status="composed",
          note="no cross-entropy on probabilities in torch.nn: nn.NLLLoss(torch.log(p), labels)")
def build(reduction="mean", eps=0.0, renormalize=False):
    return Built(ProbabilitySparseCrossEntropy(reduction=reduction, eps=eps, renormalize=renormalize))
