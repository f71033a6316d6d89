"""Cosine decay (optional warm-up) <-> ``keras.optimizers.schedules.CosineDecay`` (holds α·η after
the decay: not periodic)."""
from keras.optimizers.schedules import CosineDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "cosine_decay")
def build(initial_learning_rate=0.01, decay_steps=100, alpha=0.0, warmup_steps=0, warmup_target=None, periodic=False,
          *, python_floats=False):
    h = hyper(python_floats, always_exact=True)
    return Built(KerasSchedule(CosineDecay(h(initial_learning_rate), decay_steps=decay_steps, alpha=h(alpha),
                                           warmup_target=h(warmup_target), warmup_steps=warmup_steps),
                               fixed={"periodic": False}))
