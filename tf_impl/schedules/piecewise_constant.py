"""Piecewise constant <-> ``keras.optimizers.schedules.PiecewiseConstantDecay`` (switch
"after_boundary": the new value applies from count = boundary + 1)."""
from keras.optimizers.schedules import PiecewiseConstantDecay

from tf_impl.optimizers.base import hyper
from tf_impl.registry import Built, register
from tf_impl.schedules.base import KerasSchedule, per_epoch


@register("schedule", "piecewise_constant")
def build(boundaries=(30, 60), values=(0.01, 0.005, 0.0025), switch="at_boundary", *, python_floats=False,
          steps_per_epoch=None):
    h = hyper(python_floats, always_exact=True)
    schedule = PiecewiseConstantDecay(boundaries=list(boundaries), values=[h(v) for v in values])
    return Built(KerasSchedule(per_epoch(schedule, steps_per_epoch), fixed={"switch": "after_boundary"}))
