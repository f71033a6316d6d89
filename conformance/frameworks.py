"""Loading the framework packages lazily, and reporting them as skipped when they cannot be used.

A framework is unavailable when it is not installed or when importing it fails in any other way
(a broken install, a missing shared library, an incompatible NumPy): ``load`` raises
``Unavailable`` with the reason, the harness turns it into ``skip`` records, and the rest of the
run goes on.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from types import SimpleNamespace

from conformance.case import FRAMEWORKS

# framework -> (its implementation package, its layers/activations/losses runner)
_PACKAGES = {
    "torch": ("torch_impl", "torch_impl.adapter"),
    "keras": ("tf_impl", "tf_impl.adapter"),
}
# framework -> the distributions it needs installed (checked without importing them)
_REQUIRES = {
    "torch": ("torch",),
    "keras": ("tensorflow", "keras"),
}

_loaded: dict[str, SimpleNamespace] = {}
_failed: dict[str, tuple[str, bool]] = {}      # framework -> (why, installed)


class Unavailable(RuntimeError):
    """The framework cannot be used. ``installed``: its packages are there but the import failed (a
    broken install, or an error in our own package): an error, never a quiet skip."""

    def __init__(self, message: str, installed: bool = False):
        super().__init__(message)
        self.installed = installed


def load(framework: str) -> SimpleNamespace:
    """The framework's registry and adapter (``conformance/adapter.py``); raises ``Unavailable`` with the reason."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework={framework!r} is not allowed: expected one of {', '.join(FRAMEWORKS)}")
    if framework in _failed:
        raise Unavailable(*_failed[framework])
    if framework not in _loaded:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        pkg_name, adapter_name = _PACKAGES[framework]
        try:
            pkg = importlib.import_module(pkg_name)
            pkg.load_all()
            adapter = importlib.import_module(adapter_name).ADAPTER
        except Exception as exc:  # noqa: BLE001 - a missing or broken framework is a skip, never a crash of the run
            if isinstance(exc, ImportError) and missing(framework):
                _failed[framework] = (f"{framework} is not installed ({exc})", False)
            else:    # installed, but the import failed: a broken install, or an error in our own package
                message = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
                _failed[framework] = (f"{framework} could not be imported ({type(exc).__name__}: {message})", True)
            raise Unavailable(*_failed[framework]) from None
        _loaded[framework] = SimpleNamespace(name=framework, package=pkg_name, registry=pkg.REGISTRY, adapter=adapter)
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
    """The version of each library: the imported module's own when it is loaded, else the installed
    distribution's, read from its metadata without importing it (in a parallel run the frameworks
    live in the workers, and importing TensorFlow here would cost seconds). None: not installed."""
    out: dict[str, str | None] = {}
    distributions = importlib.metadata.packages_distributions()     # module -> its distributions
    for mod in ("numpy", "torch", "tensorflow", "keras", "scipy"):
        if mod in sys.modules:                  # loaded, or blocked (None) on purpose
            out[mod] = getattr(sys.modules[mod], "__version__", None)
            continue
        out[mod] = None
        for dist in distributions.get(mod, []):
            try:
                out[mod] = importlib.metadata.version(dist)
                break
            except importlib.metadata.PackageNotFoundError:
                pass
    return out
