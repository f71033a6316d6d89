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
        "torch_device": os.environ.get("ROSETTA_TORCH_DEVICE", "cpu"),
        "accelerator": _accelerator(),
    }
    return env


def _accelerator() -> str | None:
    """The CUDA device torch would use, if torch is importable and sees one."""
    try:
        import torch
    except ImportError:
        return None
    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
