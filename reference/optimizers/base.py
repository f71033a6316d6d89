"""What every reference optimizer shares: settings kept apart from an explicit state.

    opt = Adam(learning_rate=1e-3)                # settings, validated here
    state = opt.init(params)                      # {"step": 0, "m": {name: 0}, "v": {name: 0}}
    params, state = opt.update(grads, state, params)                  # new arrays
    params, state = opt.update(grads, state, params, in_place=True)   # written into params' and the slots' arrays

``params`` and ``grads`` are dicts name -> array (any shapes, one dtype). ``update`` checks its
arguments (``check_update``): every parameter a float array of ``reference.conventions.DTYPES``,
one gradient per parameter with its shape and dtype, and the state ``init`` made for them. The state is a plain
dict: ``"step"`` (updates applied so far), one dict name -> array per slot listed by
``slots()``, and any scalar an optimizer keeps for all parameters (Nadam's ``mu_product``).

In place or not. Each rule writes the update into the parameter and slot arrays it is given
(``p -= lr * v``), as ``torch.optim`` (``param.add_``) and Keras (``variable.assign``) do. ``update``
gives it copies, so the arrays passed in stay as they were and new ones come back: a loop that keeps
every update's parameters (``fit``'s record, the trajectories) needs that. ``in_place=True`` gives it
the arrays themselves, as a training step that keeps only the latest parameters does (torch's
``optimizer.step()``; ``rosetta bench``): no array of a parameter's size is made per update, and
the returned dicts hold the arrays passed in. The values are the same to the bit either way.

Learning rate. ``learning_rate`` is a number or a reference schedule (``reference.schedules``);
update t (1-based) uses η_t = schedule(t − 1), the count of updates already applied.

Weight decay (every optimizer), ``weight_decay`` λ and ``weight_decay_mode``:
  "coupled"   (L2, PyTorch's ``weight_decay``):      g ← g + λ·p, then the rule
  "decoupled" (Keras's ``weight_decay``, AdamW):     p ← p − η_t·λ·p, then the rule on g

Scalars stay Python floats (``math``, not ``np``) so a float32 array is never upcast.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import validate

Params = dict[str, np.ndarray]
State = dict[str, Any]

WEIGHT_DECAY_MODES = ("coupled", "decoupled")


def learning_rate_arg(value: Any) -> Any:
    """A learning rate: a finite number >= 0, or a reference schedule object."""
    from reference.schedules.base import Schedule
    if isinstance(value, Schedule):
        return value
    return validate.number("learning_rate", value, low=0.0)


def beta(name: str, value: Any) -> float:
    """A decay rate of a moving average: in [0, 1)."""
    return validate.number(name, value, low=0.0, high=1.0, high_open=True)


class Optimizer:
    """Base class: weight decay, the learning-rate lookup and the per-parameter loop.

    A subclass sets the settings, lists its state slots in ``slots()`` and writes the rule for
    one parameter in ``rule(p, g, slots, t, lr, shared)``: it writes the new p into ``p`` and each
    slot's new value into ``slots[name]`` (in place; ``g`` is read only); ``begin(state, t)``
    computes what the update shares across parameters (returned state scalars included).
    """

    def __init__(self, learning_rate: Any, weight_decay: float = 0.0, weight_decay_mode: str = "coupled"):
        self.learning_rate = learning_rate_arg(learning_rate)
        self.weight_decay = validate.number("weight_decay", weight_decay, low=0.0)
        self.weight_decay_mode = validate.choice("weight_decay_mode", weight_decay_mode, WEIGHT_DECAY_MODES)

    # --- what subclasses provide ------------------------------------------------------
    def slots(self) -> tuple[str, ...]:
        return ()

    def slot_init(self, slot: str, p: np.ndarray) -> np.ndarray:
        return np.zeros_like(p)

    def scalars_init(self) -> dict[str, float]:
        return {}

    def begin(self, state: State, t: int) -> dict[str, Any]:
        return {}

    def rule(self, p: np.ndarray, g: np.ndarray, slots: dict[str, np.ndarray], t: int, lr: float,
             shared: dict[str, Any]) -> None:
        raise NotImplementedError

    # --- the shared machinery -------------------------------------------------------
    def lr_at(self, count: int) -> float:
        """η for the update that follows ``count`` applied updates."""
        lr = self.learning_rate
        return float(lr(count)) if callable(lr) else lr

    def init(self, params: Params) -> State:
        validate.arrays("params", params)
        state: State = {"step": 0}
        for slot in self.slots():
            state[slot] = {name: self.slot_init(slot, p) for name, p in params.items()}
        state.update(self.scalars_init())
        return state

    def check_update(self, grads: Params, state: State, params: Params, in_place: bool = False) -> None:
        """ValueError unless grads and state fit params: no missing or extra names, nothing broadcast;
        ``in_place``: every parameter and slot array writeable, and none of them sharing memory with its
        gradient or with another of that parameter's arrays (a write would change what is still to be read)."""
        validate.arrays("params", params)
        validate.keys("grads", grads, params, of="params")
        for name, p in params.items():
            validate.array(f"grads[{name!r}]", grads[name], shape=p.shape, dtype_of=(f"params[{name!r}]", p.dtype))
        validate.keys("state", state, ("step", *self.slots(), *self.scalars_init()))
        validate.integer("state['step']", state["step"], low=0)
        for slot in self.slots():
            validate.keys(f"state[{slot!r}]", state[slot], params, of="params")
            for name, p in params.items():
                validate.array(f"state[{slot!r}][{name!r}]", state[slot][name], shape=p.shape,
                               dtype_of=(f"params[{name!r}]", p.dtype))
        if in_place:
            for name, p in params.items():
                written = [(f"params[{name!r}]", p),
                           *((f"state[{s!r}][{name!r}]", state[s][name]) for s in self.slots())]
                for i, (what, a) in enumerate(written):
                    if not a.flags.writeable:
                        raise ValueError(f"{what} is read-only: in_place=True writes the update into it "
                                         "(give a writeable array, or in_place=False for new arrays)")
                    for other, b in [*written[i + 1:], (f"grads[{name!r}]", grads[name])]:
                        if np.may_share_memory(a, b):
                            raise ValueError(f"{what} shares memory with {other}: in_place=True would overwrite "
                                             "one while reading the other (give separate arrays, or in_place=False)")

    def update(self, grads: Params, state: State, params: Params, *,
               in_place: bool = False) -> tuple[Params, State]:
        """One update: (params, state) after it. ``in_place``: see the module docstring."""
        in_place = validate.flag("in_place", in_place)
        self.check_update(grads, state, params, in_place)
        t = state["step"] + 1
        lr = self.lr_at(state["step"])
        shared = self.begin(state, t)
        new_state: State = {"step": t, **{s: {} for s in self.slots()},
                            **{k: v for k, v in shared.items() if k in state}}
        new_params: Params = {}
        wd = self.weight_decay
        for name, p in params.items():
            slots = {s: state[s][name] for s in self.slots()}
            if not in_place:
                p, slots = np.array(p), {s: np.array(v) for s, v in slots.items()}          # copies
            g = grads[name]
            if wd and self.weight_decay_mode == "coupled":
                g = g + wd * p
            elif wd:
                p -= (lr * wd) * p
            self.rule(p, g, slots, t, lr, shared)                   # writes p and slots
            new_params[name] = p
            for s in self.slots():
                new_state[s][name] = slots[s]
        return new_params, new_state
