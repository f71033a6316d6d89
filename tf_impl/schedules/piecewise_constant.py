"""Piecewise constant <-> ``keras.optimizers.schedules.PiecewiseConstantDecay`` (switch
"after_boundary": the new value applies from count = boundary + 1)."""
from keras.optimizers.schedules import PiecewiseConstantDecay

from tf_impl.optimizers.base import python_floats
from tf_impl.registry import Built, register, variant
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "piecewise_constant")
def build(boundaries=(30, 60), values=(0.01, 0.005, 0.0025), switch="at_boundary", *, steps_per_epoch=None):
    def construct(h):
        schedule = PiecewiseConstantDecay(boundaries=list(boundaries), values=[h(v) for v in values])
        return per_epoch(schedule, steps_per_epoch)
    return Built(KerasSchedule(construct, fixed={"switch": "after_boundary"}))


@variant("schedule", "piecewise_constant", "python_floats")
def build_python_floats(**kwargs):
    """Python-float arguments, as a user writes them: the schedule computes in float32."""
    return python_floats(build(**kwargs))
