"""Batch normalization <-> ``torch.nn.BatchNorm1d`` on (N, C) or (N, C, L) (``input_layout="channels_first"``:
the runner moves the reference's (N, L, C) channels to axis 1).

torch's ``momentum`` is the weight of the new batch, the reference's the fraction kept
(``reference.conventions.BATCH_NORM_MOMENTUM``): the builder passes 1 − momentum, and momentum=None
(the cumulative average) as is. The running statistics are buffers (``running_mean``, ``running_var``,
and ``num_batches_tracked``, the reference's ``count``). torch always updates ``running_var`` with the
unbiased batch variance, the reference's default ``unbiased_running_var=True`` (an option that describes the
layer, not a builder argument), and its ``affine`` switches γ and β together.
"""
import torch

from torch_impl.registry import Built, Param, register, variant


def torch_momentum(momentum):
    """The reference's kept fraction m as torch's new-batch weight: 1 − m (None, the cumulative average, as is)."""
    return None if momentum is None else 1 - momentum


def built(cls, features, momentum, epsilon, center, scale) -> Built:
    """``cls`` (BatchNorm1d or BatchNorm2d) with the reference's options; ``momentum`` already in torch's form."""
    if center != scale:
        raise ValueError(f"center={center!r} with scale={scale!r} is not allowed: torch's affine switches γ and β "
                         "together")
    layer = cls(features, eps=epsilon, momentum=momentum, affine=center)
    params = {"gamma": Param("weight"), "beta": Param("bias")} if center else {}
    state = {"running_mean": Param("running_mean"), "running_var": Param("running_var")}
    if momentum is None:
        state["count"] = Param("num_batches_tracked")
    return Built(layer, params, state=state, input_layout="channels_first")


@register("layer", "batch_norm")
def build(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    return built(torch.nn.BatchNorm1d, features, torch_momentum(momentum), epsilon, center, scale)


@variant("layer", "batch_norm", "momentum_as_given")
def build_momentum_as_given(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    """The reference's momentum passed to torch unchanged, as a Keras user porting momentum=0.9 writes it."""
    return built(torch.nn.BatchNorm1d, features, momentum, epsilon, center, scale)
