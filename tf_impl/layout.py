"""Parameter layouts: reference (canonical) <-> Keras, both ways, written once.

Keras stores a Dense kernel as (in, out), like the reference, so no layout transforms yet.
"""
from __future__ import annotations

import numpy as np

LAYOUTS = {
    "same": (lambda a: a, lambda a: a),
}


def to_keras(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][0](array)


def from_keras(layout: str, array: np.ndarray) -> np.ndarray:
    return LAYOUTS[layout][1](array)
