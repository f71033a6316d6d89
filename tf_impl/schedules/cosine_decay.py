"""Cosine decay (optional warm-up) <-> ``keras.optimizers.schedules.CosineDecay`` (holds α·η after
the decay: not periodic).

Per epoch of k updates: CosineDecay has no staircase, and ``decay_steps·k`` would give a smooth
cosine over updates where torch's per-epoch ``CosineAnnealingLR`` holds each epoch's value; so the
Keras schedule is evaluated at the epoch count ``iterations // k`` (``base.EpochCount``, composed).
"""
from keras.optimizers.schedules import CosineDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "cosine_decay")
def build(initial_learning_rate=0.01, decay_steps=100, alpha=0.0, warmup_steps=0, warmup_target=None, periodic=False,
          *, steps_per_epoch=None):
    def construct(h):
        schedule = CosineDecay(h(initial_learning_rate), decay_steps=decay_steps, alpha=h(alpha),
                               warmup_target=h(warmup_target), warmup_steps=warmup_steps)
        return per_epoch(schedule, steps_per_epoch)
    return Built(KerasSchedule(construct, fixed={"periodic": False}))


@variant("schedule", "cosine_decay", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
