"""One line of the report: one check of one case, framework and dtype."""
from __future__ import annotations

from dataclasses import asdict, dataclass

STATUSES = ("pass", "fail", "error", "skip", "divergence")


@dataclass
class Record:
    component: str
    family: str
    case: str            # the case id, e.g. "dense[no_bias]"
    framework: str
    dtype: str
    check: str           # forward | grad_input | grad_param:<name> | noise | setup
    status: str
    max_abs_err: float | None = None
    max_rel_err: float | None = None
    atol: float | None = None
    rtol: float | None = None
    note: str = ""
    # max |Δ| / (atol + rtol·|reference| + bound) over the elements: above 1 is over tolerance
    tolerance_ratio: float | None = None
    override: str = ""       # the reason of the per-case tolerance override applied, if any
    divergence: str = ""     # for status "divergence": what differs (the Divergence's ``what``)
    irreducible: bool = False  # that divergence has no mapping (the case itself is reported)
    # Extra machine-readable detail, e.g. per-step error curves of a trajectory:
    # {"per_step_max_abs": [...], "per_step_max_rel": [...], "first_step_over_tolerance": k | None}
    detail: dict | None = None

    def to_json(self) -> dict:
        return asdict(self)
