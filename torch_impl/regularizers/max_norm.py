"""Max-norm constraint: torch has no constraint API; ``torch.renorm`` on the weight after each
``optimizer.step()``.

torch.renorm(W, p=2, dim=d, maxnorm) keeps dim d and rescales each slice whose norm over the
other dims exceeds maxnorm by maxnorm / (norm + 1e-7); ε = 1e-7 is fixed
(torch/_refs/__init__.py, renorm). The reference's ``axis`` names the dims the norm runs
over in its layout (*rf, in, out); torch's weight is (out, in, *rf), so the one dim left
is found in torch's layout (axis=0 on a Dense kernel -> dim=0: one norm per output unit).
"""
import torch

from torch_impl.layout import kernel_axes
from torch_impl.registry import Built, register

# The formulation torch.renorm implements, in the reference's terms.
TORCH_EPSILON = 1e-7
TORCH_RESCALE = "over_max"


def renorm_dim(axis, rank: int) -> int:
    """The torch weight dim torch.renorm keeps, for the reference's norm ``axis``."""
    reduced = {a % rank for a in (axis if isinstance(axis, tuple) else (axis,))}
    kept = [a for a in range(rank) if a not in reduced]
    if len(kept) != 1:
        raise ValueError(f"axis={axis!r} is not allowed for torch.renorm: it must leave exactly one dim "
                         f"of a rank-{rank} kernel")
    return kernel_axes(rank).index(kept[0])


@register("regularizer", "max_norm", status="composed",
          note="no constraint API in torch: torch.renorm applied to the weight after each optimizer.step()")
def build(max_value=2.0, axis=0, epsilon=0.0, rescale="over_max"):
    """``epsilon``/``rescale``: torch.renorm's are fixed (1e-7, "over_max"). The reference's
    default (0.0, "over_max") is accepted and mapped by conformance/divergences/regularizers.py;
    anything else raises."""
    if (epsilon, rescale) not in ((0.0, "over_max"), (TORCH_EPSILON, TORCH_RESCALE)):
        raise ValueError(f"epsilon={epsilon!r}, rescale={rescale!r} is not allowed: torch.renorm computes "
                         f"epsilon={TORCH_EPSILON}, rescale={TORCH_RESCALE!r}")

    @torch.no_grad()
    def constrain_(weight):
        return weight.copy_(torch.renorm(weight, p=2, dim=renorm_dim(axis, weight.ndim), maxnorm=max_value))
    return Built(constrain_)
