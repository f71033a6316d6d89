"""Cosine decay with restarts <-> ``keras.optimizers.schedules.CosineDecayRestarts``."""
from keras.optimizers.schedules import CosineDecayRestarts

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule


@register("schedule", "cosine_decay_restarts")
def build(initial_learning_rate=0.01, first_decay_steps=10, t_mul=2.0, m_mul=1.0, alpha=0.0, *, python_floats=False):
    h = hyper(python_floats)
    return Built(KerasSchedule(CosineDecayRestarts(h(initial_learning_rate), first_decay_steps=first_decay_steps,
                                                   t_mul=h(t_mul), m_mul=h(m_mul), alpha=h(alpha))))
