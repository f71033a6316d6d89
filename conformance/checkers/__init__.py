"""Family checkers beyond layers, activations and losses (which live in ``harness``).

A checker is ``checker(case, fw, ctx, fw_kwargs, ref_kwargs) -> Iterator[Check]`` (``ctx``: the
``conformance.adapter.RunContext``; ``fw.adapter`` is the framework's side); each
module exports ``CHECKERS = {family: checker}``.
"""
from conformance.checkers import distribution, model, trajectory

CHECKERS = {**trajectory.CHECKERS, **distribution.CHECKERS, **model.CHECKERS}
