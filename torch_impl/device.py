"""Where torch runs: "cpu" (default) or a CUDA device, from ``ROSETTA_TORCH_DEVICE`` (set by
``rosetta check --torch-device``). The runners put modules, parameters and inputs there;
arrays always come back to NumPy through ``.cpu()``.
"""
import os

import numpy as np
import torch

DEVICE = torch.device(os.environ.get("ROSETTA_TORCH_DEVICE", "cpu"))


def to_device(array: np.ndarray, requires_grad: bool = False) -> torch.Tensor:
    """A new tensor on DEVICE holding a copy of ``array`` (never aliasing NumPy memory)."""
    return torch.tensor(np.asarray(array), device=DEVICE, requires_grad=requires_grad)
