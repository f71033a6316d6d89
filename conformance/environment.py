"""What a report ran with."""
from __future__ import annotations

import os
import platform
import sys

from conformance import frameworks


def describe(dtypes: list[str]) -> dict:
    env = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        **frameworks.versions(),
        "dtypes": list(dtypes),
        "dtype_settings": {
            "torch": "torch.set_default_dtype(<dtype>) before each module is built",
            "keras": "keras.config.set_floatx(<dtype>) and set_dtype_policy(<dtype>) before each layer is built",
        },
        "TF_ENABLE_ONEDNN_OPTS": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "(unset: oneDNN on)"),
        **_torch_device(),
    }
    return env


def _torch_device() -> dict:
    """The device the torch runners used (fixed when torch_impl was loaded) and its name."""
    try:
        import torch

        from torch_impl.device import DEVICE
    except ImportError:
        return {"torch_device": None, "accelerator": None}
    name = torch.cuda.get_device_name(DEVICE) if DEVICE.type == "cuda" else None
    return {"torch_device": str(DEVICE), "accelerator": name}
