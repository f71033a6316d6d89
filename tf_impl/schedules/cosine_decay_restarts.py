"""Cosine decay with restarts <-> ``keras.optimizers.schedules.CosineDecayRestarts`` (finds the
period with logarithms; the runner evaluates it inside ``tf.function`` as ``fit`` does, where
Grappler's constant folding turns divisions by constants into reciprocal multiplications:
restart_index "log_reciprocal"; eagerly it would be "log")."""
from keras.optimizers.schedules import CosineDecayRestarts

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "cosine_decay_restarts")
def build(initial_learning_rate=0.01, first_decay_steps=10, t_mul=2.0, m_mul=1.0, alpha=0.0, restart_index="count", *,
          steps_per_epoch=None):
    def construct(h):
        schedule = CosineDecayRestarts(h(initial_learning_rate), first_decay_steps=first_decay_steps, t_mul=h(t_mul),
                                       m_mul=h(m_mul), alpha=h(alpha))
        return per_epoch(schedule, steps_per_epoch)
    return Built(KerasSchedule(construct, fixed={"restart_index": "log_reciprocal"}))


@variant("schedule", "cosine_decay_restarts", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
