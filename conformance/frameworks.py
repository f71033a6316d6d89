"""Loading the framework packages lazily, and reporting them as skipped when they cannot be used.

A framework is unavailable when it is not installed or when importing it fails in any other way
(a broken install, a missing shared library, an incompatible NumPy): ``load`` raises
``Unavailable`` with the reason, the harness turns it into ``skip`` records, and the rest of the
run goes on.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
from types import SimpleNamespace

from conformance.case import FRAMEWORKS

# framework -> (its implementation package, its layers/activations/losses runner)
_PACKAGES = {
    "torch": ("torch_impl", "torch_impl.runner"),
    "keras": ("tf_impl", "tf_impl.runner"),
}
# framework -> the distributions it needs installed (checked without importing them)
_REQUIRES = {
    "torch": ("torch",),
    "keras": ("tensorflow", "keras"),
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
        except Exception as exc:  # noqa: BLE001 - a broken install is reported, never a crash of the run
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
            _failed[framework] = f"{framework} could not be imported ({type(exc).__name__}: {message})"
            raise Unavailable(_failed[framework]) from None
        _loaded[framework] = SimpleNamespace(name=framework, package=pkg_name, registry=pkg.REGISTRY, runner=runner)
    return _loaded[framework]


def missing(framework: str) -> str | None:
    """Why ``framework`` is not installed (a module it needs cannot be found), or None. Cheap:
    nothing is imported, so an install that is present but broken is only found by ``load``."""
    for module in _REQUIRES[framework]:
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return f"{framework} is not installed (no module named {module!r})"
    return None


def implementation_status(framework: str, kind: str, name: str) -> str:
    """'native', 'composed', 'missing', or 'unavailable' when the framework cannot be loaded."""
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
        except Exception as exc:  # noqa: BLE001 - installed but broken: say so, keep the report
            out[mod] = f"import failed ({type(exc).__name__})"
    return out
