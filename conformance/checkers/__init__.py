"""Family checkers beyond layers, activations and losses (which live in ``harness``).

A checker is ``checker(case, fw, dtype, fw_kwargs, ref_kwargs) -> Iterator[Check]``; each
module exports ``CHECKERS = {family: checker}``.
"""
from conformance.checkers import distribution, trajectory

CHECKERS = {**trajectory.CHECKERS, **distribution.CHECKERS}
