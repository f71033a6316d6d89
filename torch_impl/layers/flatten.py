"""Flatten <-> ``torch.nn.Flatten()`` on (N, C, H, W) (``input_layout="channels_first"``), the torch idiom.

torch flattens the channels-first array as stored: its features are in the reference's
``order="channels_first"`` whatever ``order`` says. ``order`` is accepted (one signature for the three
implementations) and not passed: the divergence record ``flatten/torch`` maps the reference to torch's order.
"""
import torch

from reference import validate
from reference.conventions import FLATTEN_ORDERS
from torch_impl.registry import Built, register


@register("layer", "flatten")
def build(order="channels_last"):
    validate.choice("order", order, FLATTEN_ORDERS)
    return Built(torch.nn.Flatten(), input_layout="channels_first")
