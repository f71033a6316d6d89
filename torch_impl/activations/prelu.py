"""PReLU <-> ``torch.nn.PReLU`` (α stored as ``weight``, shape (num_parameters,)).

torch indexes a per-channel α along dim 1 (the C of NCHW); the reference's features are the
last axis. The wrapper moves the last axis to dim 1 and back, which changes nothing for
(N, F) input. The ``channels_dim1`` variant calls ``nn.PReLU`` on the input as it is, torch's own
convention, for the divergence run.

Its gradient at x = 0 is α (the kernel takes x > 0 ? 1 : α), the reference's default
``grad_at_zero="alpha"``. That option describes the op's convention and is not a builder
argument: nn.PReLU has no such switch.
"""
import torch

from torch_impl.registry import Built, Param, register, variant


class FeaturesToDim1(torch.nn.Module):
    """Apply ``inner`` with the last axis moved to dim 1, where torch expects channels."""

    def __init__(self, inner: torch.nn.Module):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.movedim(-1, 1)).movedim(1, -1)


@register("activation", "prelu", note="nn.PReLU on the last axis moved to dim 1")
def build(num_parameters=1, init=0.25):
    prelu = torch.nn.PReLU(num_parameters=num_parameters, init=init)
    return Built(FeaturesToDim1(prelu), {"alpha": Param("inner.weight")})


@variant("activation", "prelu", "channels_dim1")
def build_channels_dim1(num_parameters=1, init=0.25):
    """nn.PReLU on the input as it is: α indexed along dim 1, torch's channel axis."""
    return Built(torch.nn.PReLU(num_parameters=num_parameters, init=init), {"alpha": Param("weight")})
