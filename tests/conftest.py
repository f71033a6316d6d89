"""Shared test helpers. Import them as ``from conftest import load_or_skip`` (pytest puts
this folder on sys.path)."""
import pytest

from conformance import frameworks


def load_or_skip(framework: str):
    """The framework's registry and runner (``conformance.frameworks.load``), or a skip of
    the calling test with the reason when the framework is not installed."""
    try:
        return frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
