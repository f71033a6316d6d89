"""Batch normalization of images <-> ``torch.nn.BatchNorm2d`` on (N, C, H, W) (``input_layout="channels_first"``).
The mapping of the reference's options is ``torch_impl/layers/batch_norm.py``'s."""
import torch

from torch_impl.layers.batch_norm import built, torch_momentum
from torch_impl.registry import register, variant


@register("layer", "batch_norm_2d")
def build(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    return built(torch.nn.BatchNorm2d, features, torch_momentum(momentum), epsilon, center, scale)


@variant("layer", "batch_norm_2d", "momentum_as_given")
def build_momentum_as_given(features, momentum=0.9, epsilon=1e-5, center=True, scale=True):
    """The reference's momentum passed to torch unchanged, as a Keras user porting momentum=0.9 writes it."""
    return built(torch.nn.BatchNorm2d, features, momentum, epsilon, center, scale)
