"""Keras's side of the harness protocol (``conformance/adapter.py``): one object, built from the runners."""
from conformance.adapter import Adapter
from tf_impl import init_runner, optim_runner, regularizer_runner, runner
from tf_impl.registry import REGISTRY

ADAPTER = Adapter(
    name="keras",
    registry=REGISTRY,
    build=lambda ctx, family, name, kwargs: runner.build(ctx, family, name, kwargs),
    run_module=runner.run_module,
    run_loss=runner.run_loss,
    run_trajectory=optim_runner.run,
    draw_initializer=init_runner.draw,
    initializer_fans=init_runner.fans,
    regularizer_fixed=lambda ctx, name, kwargs: regularizer_runner.fixed(name, kwargs, ctx.dtype),
    penalty=lambda ctx, name, kwargs, W: regularizer_runner.penalty(name, kwargs, ctx.dtype, W),
    constrain=lambda ctx, name, kwargs, W: regularizer_runner.constrain(name, kwargs, ctx.dtype, W),
    train_regularized=lambda ctx, name, kwargs, data, steps, lr, via: regularizer_runner.train(
        name, kwargs, ctx.dtype, data, steps, lr, via),
    fit_early_stopping=lambda ctx, kwargs, data, epochs, lr: regularizer_runner.fit_early_stopping(
        kwargs, ctx.dtype, data, epochs, lr),
)
