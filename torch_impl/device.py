"""Where and in which dtype torch runs, and the crossing between NumPy and torch tensors.

The device is the run's (``RunContext.device``: "cpu", or a CUDA device from ``rosetta check
--torch-device``). The module and optimizer runners place modules, parameters and inputs there
(``to_device``); the initializer and regularizer runners stay on the CPU (``to_cpu_tensor``).
Arrays come back to NumPy through ``to_numpy``.
"""
import numpy as np
import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def set_dtype(dtype: str) -> torch.dtype:
    """Make ``dtype`` torch's default before anything is built (modules take it at construction)."""
    torch.set_default_dtype(DTYPES[dtype])
    return DTYPES[dtype]


def to_device(array: np.ndarray, device: str, requires_grad: bool = False) -> torch.Tensor:
    """A new tensor on ``device`` holding a copy of ``array`` (never aliasing NumPy memory)."""
    return torch.tensor(np.asarray(array), device=device, requires_grad=requires_grad)


def to_cpu_tensor(array: np.ndarray) -> torch.Tensor:
    """A new CPU tensor holding a copy of ``array``, for the runners that stay on the CPU."""
    return torch.tensor(np.asarray(array))


def to_numpy(t: torch.Tensor | None) -> np.ndarray | None:
    """A NumPy copy of ``t`` (from any device), or None."""
    return None if t is None else t.detach().cpu().numpy().copy()
