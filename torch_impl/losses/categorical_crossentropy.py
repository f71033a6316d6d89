"""Categorical cross-entropy on probabilities, composed: ``nn.NLLLoss(torch.log(p), argmax y)``.

torch has no cross-entropy on probabilities. Of the two torch idioms:
* ``nn.NLLLoss`` on ``torch.log(p)`` with the class index of the one-hot target is exactly
  −Σ_c y_c log p_c, value and gradient (−1/p at the target class). It is used here; the
  module refuses targets that are not one-hot rather than silently take their argmax.
* ``F.cross_entropy(torch.log(p), y)`` applies log_softmax to log p, i.e. renormalises p/Σp:
  the same value on the simplex but Keras's gradient (+1 per component), not the reference's.
``renormalize`` and ``eps`` are passed as explicit ``p / p.sum(-1)`` and ``torch.clamp``,
in the reference's order (renormalise, clip, log).
"""
import torch

from torch_impl.registry import Built, register


class ProbabilityCrossEntropy(torch.nn.Module):
    def __init__(self, reduction: str, eps: float, renormalize: bool):
        super().__init__()
        self.nll = torch.nn.NLLLoss(reduction=reduction)
        self.eps = eps
        self.renormalize = renormalize

    def forward(self, input, target):
        one_hot = ((target == 0) | (target == 1)).all() and (target.sum(dim=-1) == 1).all()
        if not one_hot:
            raise ValueError("targets must be one-hot: NLLLoss takes the class index, soft targets would be lost")
        if self.renormalize:
            input = input / input.sum(dim=-1, keepdim=True)
        input = torch.clamp(input, self.eps, 1.0 - self.eps)
        return self.nll(torch.log(input), target.argmax(dim=-1))


@register("loss", "categorical_crossentropy", status="composed",
          note="no cross-entropy on probabilities in torch.nn: nn.NLLLoss(torch.log(p), argmax(y)), one-hot targets")
def build(reduction="mean", eps=0.0, renormalize=False):
    return Built(ProbabilityCrossEntropy(reduction=reduction, eps=eps, renormalize=renormalize))
