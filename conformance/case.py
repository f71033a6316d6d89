"""A conformance case is data: which component, built how, fed what."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

from conformance.inputs import Gen
from conformance.tolerances import Tolerance
from reference.conventions import DTYPES  # noqa: F401 - re-exported: one list of dtypes, the reference's

FRAMEWORKS = ("torch", "keras")


@dataclass(frozen=True)
class Case:
    component: str                      # registry name, e.g. "leaky_relu"
    family: str                         # registry kind: layer | activation | loss
    inputs: dict[str, Gen]              # modules: {"x": ...}; losses: {"y_pred": ..., "y_true": ...}
    kwargs: dict[str, Any] = field(default_factory=dict)
    desc: str = "default"               # unique per component; "default" is the defaults case
    training: bool = False
    grad: bool = True                   # False: compare the forward pass only (with the reason in note)
    gradcheck: bool = True              # False: inputs sit on a kink, finite differences are meaningless there
    note: str = ""
    # "float64" or "keras:float64" -> Override(...); see conformance/tolerances.py
    tolerance: dict[str, Tolerance] = field(default_factory=dict)
    # Family-specific settings read by that family's checker, e.g. for a trajectory
    # {"steps": 100, "mode": "open", "grad_scale": 1e-6}. Layers, activations, losses use none.
    setup: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.component}[{self.desc}]"

    @property
    def seed(self) -> int:
        """The seed of every random draw of this case: stable across runs, dtypes, frameworks."""
        return zlib.crc32(self.id.encode())
