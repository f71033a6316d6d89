"""torch's side of the harness protocol (``conformance/adapter.py``): one object, built from the runners."""
from conformance.adapter import from_runners
from torch_impl import init_runner, optim_runner, regularizer_runner, runner
from torch_impl.registry import REGISTRY

ADAPTER = from_runners("torch", REGISTRY, runner, optim_runner, init_runner, regularizer_runner)
