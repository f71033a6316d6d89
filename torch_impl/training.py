"""The PyTorch training loop, written once, the way a PyTorch user writes it.

    for step in range(steps):
        optimizer.zero_grad()
        loss().backward()                # or: set each parameter's .grad (a given gradient sequence)
        clip()                           # e.g. torch.nn.utils.clip_grad_norm_
        optimizer.step()
        scheduler.step()                 # at the end of every epoch of `steps_per_epoch` updates

Hooks: ``before_step(t)`` (record the learning rate about to be used) and ``after_step(t)`` (record
parameters and state, apply a constraint, evaluate; return True to stop: early stopping). Every torch
trajectory (optimizers, schedules, clipping, regularizers, early stopping) runs through ``train``.
"""
from __future__ import annotations

from typing import Callable


def train(optimizer, steps: int, *, loss: Callable | None = None, set_grads: Callable[[int], None] | None = None,
          clip: Callable[[], None] | None = None, scheduler=None, steps_per_epoch: int = 1,
          before_step: Callable[[int], None] | None = None,
          after_step: Callable[[int], bool | None] | None = None) -> int:
    """Run up to ``steps`` updates; return how many ran. Exactly one of ``loss`` (a closure giving the
    loss to differentiate) and ``set_grads(t)`` (fills each parameter's ``.grad``)."""
    if (loss is None) == (set_grads is None):
        raise ValueError("give exactly one of loss (closed loop) or set_grads (open loop)")
    for t in range(steps):
        if before_step is not None:
            before_step(t)
        optimizer.zero_grad()
        if loss is not None:
            loss().backward()
        else:
            set_grads(t)
        if clip is not None:
            clip()
        optimizer.step()
        if scheduler is not None and (t + 1) % steps_per_epoch == 0:      # the end of an epoch
            scheduler.step()
        if after_step is not None and after_step(t):
            return t + 1
    return steps
