"""Truncated normal <-> ``torch.nn.init.trunc_normal_`` with bounds mean ∓ 2·std.

torch's a, b are absolute bounds (defaults −2, 2); the reference truncates at two standard
deviations either side of the mean, so the builder passes a = mean − 2·std, b = mean + 2·std.
"""
import torch

from reference.initializers.base import TRUNCATION_CUTOFF
from torch_impl.registry import Built, register, variant


@register("initializer", "truncated_normal")
def build(mean=0.0, std=1.0):
    return Built(lambda t: torch.nn.init.trunc_normal_(t, mean=mean, std=std, a=mean - TRUNCATION_CUTOFF * std,
                                                        b=mean + TRUNCATION_CUTOFF * std))


@variant("initializer", "truncated_normal", "absolute_bounds")
def build_absolute_bounds(mean=0.0, std=1.0):
    """No bounds given: torch's own a=−2, b=2 (absolute, whatever the std)."""
    return Built(lambda t: torch.nn.init.trunc_normal_(t, mean=mean, std=std))
