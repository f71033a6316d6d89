"""Family checkers beyond layers, activations and losses (which live in ``harness``).

A checker is ``checker(case, fw, ctx, fw_kwargs, ref_kwargs) -> Iterator[Check]`` (``ctx``: the
``conformance.adapter.RunContext``; ``fw.adapter`` is the framework's side). Each module of this
package exports ``CHECKERS``, keyed by family (``"optimizer"``) or, for a component that a family's
checker does not fit, by ``(family, component)`` (``("model", "normal_equations")``); the harness
looks up the pair first. Every module here is collected: a new checker is a new file.
"""
import importlib
import pkgutil

CHECKERS: dict = {}
for _module in pkgutil.iter_modules(__path__):
    for _key, _checker in importlib.import_module(f"{__name__}.{_module.name}").CHECKERS.items():
        if _key in CHECKERS:
            raise ValueError(f"conformance.checkers.{_module.name}: a checker for {_key!r} is declared twice")
        CHECKERS[_key] = _checker
