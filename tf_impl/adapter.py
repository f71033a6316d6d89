"""Keras's side of the harness protocol (``conformance/adapter.py``): one object, built from the runners."""
from conformance.adapter import from_runners
from tf_impl import init_runner, optim_runner, regularizer_runner, runner
from tf_impl.registry import REGISTRY

ADAPTER = from_runners("keras", REGISTRY, runner, optim_runner, init_runner, regularizer_runner)
