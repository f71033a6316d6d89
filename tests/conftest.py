"""Shared test helpers. Import them as ``from conftest import load_or_skip`` (pytest puts
this folder on sys.path)."""
import pytest

from conformance import frameworks


def load_or_skip(framework: str):
    """The framework's registry and adapter (``conformance.frameworks.load``), or a skip of
    the calling test with the reason when the framework is not installed."""
    try:
        return frameworks.load(framework)
    except frameworks.Unavailable as exc:
        if exc.installed:
            pytest.fail(str(exc))
        pytest.skip(str(exc))


@pytest.fixture(autouse=True, scope="session")
def installed_frameworks_import():
    """A framework whose packages are installed must import: a broken install, or an error in
    torch_impl/tf_impl, fails every test instead of turning the framework's tests into skips."""
    from conformance.case import FRAMEWORKS
    broken = []
    for fw in FRAMEWORKS:
        try:
            frameworks.load(fw)
        except frameworks.Unavailable as exc:
            if exc.installed:
                broken.append(str(exc))
    if broken:
        pytest.fail("; ".join(broken))
