"""Parameter layouts: reference (canonical) <-> torch, both ways, written once.

The reference stores a Dense kernel as (in, out); ``torch.nn.Linear.weight`` is (out, in).
"""
from __future__ import annotations

import numpy as np

# name -> (reference -> torch, torch -> reference)
LAYOUTS = {
    "same": (lambda a: a, lambda a: a),
    "out_in": (lambda a: np.ascontiguousarray(a.T), lambda a: np.ascontiguousarray(a.T)),
}


def to_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][0](array)


def from_torch(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][1](array)
