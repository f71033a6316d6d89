"""Cosine decay (optional warm-up) <-> ``keras.optimizers.schedules.CosineDecay`` (holds α·η after
the decay: not periodic).

Per epoch of k updates: CosineDecay has no staircase, and ``decay_steps·k`` would give a smooth
cosine over updates where torch's per-epoch ``CosineAnnealingLR`` holds each epoch's value; so the
Keras schedule is evaluated at the epoch count ``iterations // k`` (``base.EpochCount``, composed).
"""
from keras.optimizers.schedules import CosineDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "cosine_decay")
def build(initial_learning_rate=0.01, decay_steps=100, alpha=0.0, warmup_steps=0, warmup_target=None, periodic=False,
          *, python_floats=False, steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    schedule = CosineDecay(h(initial_learning_rate), decay_steps=decay_steps, alpha=h(alpha),
                           warmup_target=h(warmup_target), warmup_steps=warmup_steps)
    return Built(KerasSchedule(per_epoch(schedule, steps_per_epoch), fixed={"periodic": False}))
