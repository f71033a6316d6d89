"""Max-norm constraint: torch has no constraint API; ``torch.renorm`` on the weight after each
``optimizer.step()``.

torch.renorm(W, p=2, dim=d, maxnorm) keeps dim d and rescales each slice whose norm over the
other dims exceeds maxnorm by maxnorm / (norm + ε), ε fixed (torch/_refs/__init__.py, renorm):
the reference's rescale="over_max" with that ε, written once here as ``fixed`` (``RENORM``).
The reference's ``axis`` names the dims the norm runs over in its layout (*rf, in, out); torch's
weight is (out, in, *rf), so the one dim left is found in torch's layout (axis=0 on a Dense
kernel -> dim=0: one norm per output unit).
"""
import torch

from torch_impl.layout import kernel_axes
from torch_impl.registry import Built, register
from torch_impl.regularizers.base import Constraint

RENORM = {"epsilon": 1e-7, "rescale": "over_max"}       # what torch.renorm computes, in the reference's terms


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
    """``epsilon``, ``rescale``: torch.renorm has neither; accepted, not passed, declared in ``fixed``."""
    @torch.no_grad()
    def constrain_(weight):
        return weight.copy_(torch.renorm(weight, p=2, dim=renorm_dim(axis, weight.ndim), maxnorm=max_value))
    return Built(Constraint(constrain_, fixed=dict(RENORM)))
