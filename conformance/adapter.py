"""One adapter per framework: the one protocol through which the harness reaches torch or Keras.

Each framework package builds one ``Adapter`` (``torch_impl/adapter.py``, ``tf_impl/adapter.py``) from
its runner functions; every checker calls these and nothing else, and the model runner, code-study
pages and benchmarks to come will too. Every call takes a ``RunContext`` first: what the run is
(dtype, device, seed), passed explicitly rather than read from globals or the environment. A
framework's own default or convention is a named variant of a builder (``Impl.variants``); it travels
in the component's kwargs as ``variant=...``, because one run builds several components (an optimizer,
its schedule, a clipping) and the variant belongs to one of them.

The calls (arrays are NumPy in the reference's layout, in and out):

  run_module(ctx, family, name, kwargs, x, params, dy, training, grad=True)
      -> {"out", "grad_input", "grad_params": {name: array}, "noise"}     layers and activations
  run_module_steps(ctx, family, name, kwargs, xs, params, dys, x_eval)
      -> {"outs", "grad_inputs", "grad_params", "states": [{name: array}], "eval_out"}
      a stateful module (batch normalization): a training-mode step per batch, then evaluation
  run_loss(ctx, name, kwargs, y_pred, y_true, dloss) -> {"out", "grad_input", ...}
  run_trajectory(ctx, spec) -> {"params", "state", "step", "lr", "fixed", "notes"}
      an optimizer (with its schedule and clipping) for ``spec["steps"]`` updates, open loop (the given
      gradients) or closed loop (a problem's own gradients; the MLP through the framework's training loop)
  draw_initializer(ctx, name, kwargs, shape, draws, via) -> (draws, *shape) samples
  initializer_fans(shape) -> (fan_in, fan_out) computed by the framework on its own layout
  regularizer_fixed(ctx, name, kwargs) -> the formulations the framework fixes
  penalty(ctx, name, kwargs, W) -> {"value", "grad"}
  constrain(ctx, name, kwargs, W) -> W after one application of the constraint
  train_regularized(ctx, name, kwargs, data, steps, lr, via) -> {"W": (T, ...), "b": (T, ...)}
  fit_early_stopping(ctx, kwargs, data, epochs, lr) -> {"val_loss", "W", "b"}
  train_model(ctx, spec) -> {"loss": (T,), "params": {name: (T, ...)}, "state": {...}, "step", "predictions",
      "fixed"}   a whole Sequential model trained in the framework's idiom, one update per mini-batch, in the
      sample order the spec gives (``torch_impl/model_runner.py``, ``tf_impl/model_runner.py``)
  probe_model(ctx, spec) -> {"outputs": [(B, width)], "grad_outputs": [(B, width)], "grad_params", "loss"}
      one training-mode forward and backward of that model at ``spec["params"]`` on one batch, each layer's
      output and the loss's gradient with respect to it kept (``reference.models.training.probe``)
  run_classic(ctx, name, spec) -> dict   a classic algorithm of the "model" family, ``name``
      "normal_equations" (spec x, y -> w, b, predictions, loss, objective) or "perceptron" (spec x, t,
      orders, w0, b0 -> w, b, score per step, mistakes per epoch, predictions); the spec's "kwargs" are
      the builder's (``torch_impl/classic_runner.py``, ``tf_impl/classic_runner.py``)
  run_metric(ctx, name, kwargs, y_pred, y_true, batch_size) -> {"value", "streamed"}   a metric on all of
      the data, and its result after updating over consecutive mini-batches of ``batch_size`` (the last may
      be smaller) as the framework's evaluation does (``torch_impl/metric_runner.py``, ``tf_impl/metric_runner.py``)
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

DEVICES = "cpu, cuda or cuda:N"


def valid_device(device: str) -> bool:
    """Whether ``device`` names a device torch may run on here: "cpu", "cuda" or "cuda:N"."""
    return device in ("cpu", "cuda") or (device.startswith("cuda:") and device[5:].isdigit())


@dataclass(frozen=True)
class RunContext:
    """What one run is. ``seed`` seeds the framework's own random draws (RReLU's slopes, initializers),
    as a user of that framework makes a run repeatable; ``device`` is where torch runs (Keras: CPU)."""
    dtype: str
    device: str = "cpu"
    seed: int = 0

    def __post_init__(self):
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype={self.dtype!r} is not allowed: expected float32 or float64")
        if not valid_device(self.device):
            raise ValueError(f"device={self.device!r} is not allowed: expected {DEVICES}")


@dataclass(frozen=True)
class Adapter:
    """A framework's side of the protocol above (one per framework package)."""
    name: str
    registry: Any
    run_module: Callable[..., dict]
    run_module_steps: Callable[..., dict]
    run_loss: Callable[..., dict]
    run_trajectory: Callable[..., dict]
    draw_initializer: Callable[..., Any]
    initializer_fans: Callable[..., tuple[int, int]]
    regularizer_fixed: Callable[..., dict]
    penalty: Callable[..., dict]
    constrain: Callable[..., Any]
    train_regularized: Callable[..., dict]
    fit_early_stopping: Callable[..., dict]
    train_model: Callable[..., dict]
    probe_model: Callable[..., dict]
    run_classic: Callable[..., dict]
    run_metric: Callable[..., dict]
    build: Callable[..., Any]          # build(ctx, family, name, kwargs) -> Built, placed and typed for ctx


def from_runners(name: str, registry, runner, optim_runner, init_runner, regularizer_runner,
                 model_runner=None) -> Adapter:
    """A framework's adapter from its runner modules (each framework package has the same five; the
    model runner, when not given, is the ``model_runner`` module of the runner's package; the classic
    algorithms' and the metrics' runners are always its ``classic_runner`` and ``metric_runner`` modules)."""
    if model_runner is None:
        model_runner = importlib.import_module(f"{runner.__name__.rsplit('.', 1)[0]}.model_runner")
    classic_runner = importlib.import_module(f"{runner.__name__.rsplit('.', 1)[0]}.classic_runner")
    metric_runner = importlib.import_module(f"{runner.__name__.rsplit('.', 1)[0]}.metric_runner")
    return Adapter(
        name=name,
        registry=registry,
        build=runner.build,
        run_module=runner.run_module,
        run_module_steps=runner.run_module_steps,
        run_loss=runner.run_loss,
        run_trajectory=optim_runner.run,
        draw_initializer=init_runner.draw,
        initializer_fans=init_runner.fans,
        regularizer_fixed=regularizer_runner.fixed,
        penalty=regularizer_runner.penalty,
        constrain=regularizer_runner.constrain,
        train_regularized=regularizer_runner.train,
        fit_early_stopping=regularizer_runner.fit_early_stopping,
        train_model=model_runner.train,
        probe_model=model_runner.probe,
        run_classic=classic_runner.run,
        run_metric=metric_runner.run,
    )
