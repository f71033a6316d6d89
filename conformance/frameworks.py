"""Loading the framework packages lazily, and reporting them as skipped when missing."""
from __future__ import annotations

import importlib
import os
from types import SimpleNamespace

from conformance.case import FRAMEWORKS

# framework -> (its implementation package, its layers/activations/losses runner)
_PACKAGES = {
    "torch": ("torch_impl", "torch_impl.runner"),
    "keras": ("tf_impl", "tf_impl.runner"),
}

_loaded: dict[str, SimpleNamespace] = {}
_failed: dict[str, str] = {}


class Unavailable(RuntimeError):
    pass


def load(framework: str) -> SimpleNamespace:
    """The framework's registry and runner; raises ``Unavailable`` with the reason."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework={framework!r} is not allowed: expected one of {', '.join(FRAMEWORKS)}")
    if framework in _failed:
        raise Unavailable(_failed[framework])
    if framework not in _loaded:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        pkg_name, runner_name = _PACKAGES[framework]
        try:
            pkg = importlib.import_module(pkg_name)
            pkg.load_all()
            runner = importlib.import_module(runner_name)
        except ImportError as exc:
            _failed[framework] = f"{framework} is not installed ({exc})"
            raise Unavailable(_failed[framework]) from None
        _loaded[framework] = SimpleNamespace(name=framework, package=pkg_name, registry=pkg.REGISTRY, runner=runner)
    return _loaded[framework]


def implementation_status(framework: str, kind: str, name: str) -> str:
    """'native', 'composed', 'missing', or 'unavailable' when the framework is not installed."""
    try:
        fw = load(framework)
    except Unavailable:
        return "unavailable"
    return fw.registry.get(kind, name).status if fw.registry.has(kind, name) else "missing"


def versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for mod in ("numpy", "torch", "tensorflow", "keras", "scipy"):
        try:
            out[mod] = importlib.import_module(mod).__version__
        except ImportError:
            out[mod] = None
    return out
