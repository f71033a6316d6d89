"""Train a whole model in torch, the way the PyTorch tutorial does, and record every update.

train(ctx, spec), spec = {"layers": [(name, kwargs)], "loss": (name, kwargs), "optimizer": (name, kwargs),
        "params": {"<i>.<name>": array}, "x": (N, in), "y": (N, out), "orders": [permutation] * epochs,
        "batch_size": B, "loop": one of ``LOOPS`` (torch: "dataloader", its one idiom),
        "schedule": (name, kwargs) | None, "schedule_per": "update" | "epoch",
        "clipping": (name, kwargs) | None, "regularizers": {"<i>.<name>": (name, kwargs)}}

Clipping (``torch_impl/clipping``: ``clip_grad_norm_``, ``clip_grad_value_``) acts on the ``.grad`` of every
parameter between ``loss.backward()`` and ``optimizer.step()``; penalties (``torch_impl/regularizers``) are
terms added to the loss before ``backward()`` (``loss = loss_fn(model(xb), yb) + l2 * W.square().sum()``).

With ``spec["validation"]`` = (x_val, y_val) the loop evaluates the validation loss after each epoch
(``model.eval()``, ``torch.no_grad()``); with ``spec["early_stopping"]`` (the kwargs of the composed
``EarlyStopping``, ``torch_impl/regularizers/early_stopping.py``) it stops when that says so and, with
``restore_best_weights``, loads the best epoch's ``state_dict`` (kept with ``copy.deepcopy``) at the end.

A schedule steps after every update, or (``schedule_per="epoch"``) once after each epoch's batches, the
PyTorch idiom (``scheduler.step()`` at the end of the epoch loop).

    loader = DataLoader(TensorDataset(x, y), batch_size=B, sampler=FixedOrder(orders))
    for epoch in range(epochs):
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()

``FixedOrder`` is a sampler yielding the reference's order of each epoch in turn (the order a
``RandomSampler`` would draw, fixed so all three implementations see the same batches). The record is
the optimizer runner's (params, state, step, fixed) plus ``loss`` (each batch's loss, before its update),
``layer_state`` (each stateful layer's buffers after each update: batch normalization's running
statistics), ``noise`` (each random layer's draw, per update) ``predictions`` (the trained model on
all of x, in evaluation mode: ``model.eval()``, running statistics, no dropout) and ``evaluation``
(``evaluate``: the loss and ``spec["metrics"]`` over all of x, batch by batch, as a tutorial's test loop).

Random layers draw from torch's default generator, seeded with ``ctx.seed`` (``torch.manual_seed``). Their
draws are read back exactly by ``DrawReader``: a forward pre-hook on each random layer saves the
generator's state, calls the layer's ``forward`` on a constant input of the real input's shape (``Probe``:
a kept unit shows 1/(1 − p), a dropped one 0), and restores the state, so the real call that follows
draws the same numbers. The model's own computation is untouched.

probe(ctx, spec), spec = {"layers", "loss", "params", "x": (B, in), "y": (B, out)}: one training-mode
forward and ``loss.backward()`` at the given parameters, each layer's output kept by a forward hook
that calls ``retain_grad()`` on it (the localization's framework side, ``conformance/localize.py``).
"""
from __future__ import annotations

import copy

import numpy as np
import torch

from torch_impl import optim_runner, runner
from torch_impl.device import to_device, to_numpy
from torch_impl.layout import from_torch, to_torch
from reference.models.training import model_of, reference_graph
from reference.registry import children, into_layout, out_of_layout
from torch_impl.registry import REGISTRY


class FixedOrder(torch.utils.data.Sampler):
    """Yields ``orders[e]`` on the e-th pass (one pass per epoch)."""

    def __init__(self, orders):
        self.orders, self.epoch = [list(map(int, o)) for o in orders], 0

    def __len__(self):
        return len(self.orders[0])

    def __iter__(self):
        order = self.orders[self.epoch]
        self.epoch += 1
        return iter(order)


def _model(ctx, spec: dict):
    """The ``Built`` of the ``nn.Sequential`` holding ``spec["params"]``, and {name: (parameter, layout)}."""
    torch.manual_seed(ctx.seed)                  # the random layers' draws (CPU and every CUDA device)
    built = runner.build(ctx, "model", *model_of(spec))
    model = built.module
    tensors = {}
    with torch.no_grad():
        for name, slot in built.params.items():
            p = runner._attr(model, slot.attr)
            p.copy_(to_device(to_torch(slot.layout, spec["params"][name]), ctx.device))
            tensors[name] = (p, slot.layout)
    return built, tensors


class DrawReader:
    """Reads back the draw of every random layer of a Sequential at each training-mode call (module
    docstring); ``take()`` returns {layer index: noise} of the calls since the last ``take``."""

    def __init__(self, built):
        self._attach({i: (layer.module, layer.probe) for i, layer in children(built) if layer.probe is not None},
                     built.input_layout)                # the model's values' layout (images: (N, C, H, W))

    @classmethod
    def of(cls, modules: dict, layout: str = "channels_last") -> "DrawReader":
        """A reader of plain modules, {index: (module, probe)}: a user's ``nn.Sequential`` (the examples)."""
        reader = cls.__new__(cls)
        reader._attach(modules, layout)
        return reader

    def _attach(self, modules: dict, layout: str) -> None:
        self.draws: dict = {}
        self.layout = layout
        self.hooks = [module.register_forward_pre_hook(self._reader(i, probe)) for i, (module, probe) in modules.items()]

    def _reader(self, i, probe):
        def read(module, args):
            if not module.training:
                return
            (x,) = args
            saved = _rng_state(x.device)
            with torch.no_grad():
                shown = module.forward(torch.full_like(x, probe.fill))   # the same draw, on a constant input
            _set_rng_state(x.device, saved)
            shown = to_numpy(shown)
            self.draws[i] = probe.to_noise(out_of_layout(shown, self.layout, shown.ndim))
        return read

    def take(self) -> dict:
        draws, self.draws = self.draws, {}
        return draws

    def remove(self):
        for h in self.hooks:
            h.remove()


def _rng_state(device):
    return torch.cuda.get_rng_state(device) if device.type == "cuda" else torch.get_rng_state()


def _set_rng_state(device, state):
    if device.type == "cuda":
        torch.cuda.set_rng_state(state, device)
    else:
        torch.set_rng_state(state)


def _layer_state(built) -> dict:
    """Each stateful layer's buffers, in the reference's layout and names ("<i>.<name>")."""
    return {k: from_torch(slot.layout, to_numpy(runner._attr(built.module, slot.attr)))
            for k, slot in built.state.items()}


def probe(ctx, spec: dict) -> dict:
    """``reference.models.training.probe``'s record, from torch's own forward and autograd backward: the
    model's graph walked value by value (a Sequential's layers in turn, a functional model's nodes with
    their merges written as in its ``forward``), ``retain_grad()`` on every value, then ``loss.backward()``."""
    built, tensors = _model(ctx, spec)
    model = built.module
    loss_fn = runner.build(ctx, "loss", spec["loss"][0], spec["loss"][1]).module
    layers = {str(key): child.module for key, child in children(built)}
    draws = DrawReader(built)
    model.train()
    try:
        values = {"input": to_device(into_layout(spec["x"], built.input_layout), ctx.device, requires_grad=True)}
        for key, comp, module, ins in reference_graph(spec):
            if module is None:
                inputs = [values[n] for n in ins]
                values[key] = sum(inputs[1:], inputs[0]) if comp == "add" else torch.cat(inputs, dim=-1)
            else:
                values[key] = layers[str(key)](values[ins[0]])
            values[key].retain_grad()
        loss = loss_fn(values[key], to_device(spec["y"], ctx.device))
        loss.backward()
    finally:
        draws.remove()
    del values["input"]
    back = lambda a: out_of_layout(a, built.input_layout, a.ndim)  # noqa: E731 - (N, C, H, W) values as the reference's
    return {"noise": draws.take(),
            "outputs": {k: back(to_numpy(v.detach())) for k, v in values.items()},
            "grad_outputs": {k: back(to_numpy(v.grad)) for k, v in values.items()},
            "grad_params": {k: None if p.grad is None else from_torch(layout, to_numpy(p.grad))
                            for k, (p, layout) in tensors.items()},
            "loss": to_numpy(loss.detach())}


LOOPS = ("dataloader",)


def penalties_of(spec: dict, tensors: dict):
    """``spec["regularizers"]`` ({parameter name: (l1 | l2 | l1_l2, kwargs)}) as the function a torch user writes
    and adds to the loss (torch has no kernel_regularizer: each penalty is a term of the loss), or None."""
    terms = [(REGISTRY.get("regularizer", name).build(**kwargs).module, tensors[param][0])
             for param, (name, kwargs) in spec.get("regularizers", {}).items()]
    if not terms:
        return None
    return lambda: sum(penalty(weight) for penalty, weight in terms)


def evaluate(ctx, model, loss_fn, spec: dict, dataset, penalty=None) -> dict:
    """The evaluation loop of the PyTorch tutorials, after training: ``model.eval()``, no gradients, the
    batches in order, the loss and each metric (``spec["metrics"]``: [(name, kwargs)]) summed weighted by
    the batch's size and divided by the number of samples. With penalties, the loss is the objective
    trained (plus ``penalty()``, as Keras's evaluate reports it) unless ``spec["evaluate_penalties"]`` is False:
    the criterion alone, as a tutorial's test loop computes it (a divergence record's native run)."""
    metrics = {name: REGISTRY.get("metric", name).build(**kwargs).module for name, kwargs in spec.get("metrics", [])}
    totals = {"loss": 0.0, **{name: 0.0 for name in metrics}}
    model.eval()
    with torch.no_grad():
        for xb, yb in torch.utils.data.DataLoader(dataset, batch_size=spec["batch_size"]):
            xb, yb = xb.to(ctx.device), yb.to(ctx.device)
            pred = model(xb)
            totals["loss"] += loss_fn(pred, yb).item() * len(xb)
            for name, metric in metrics.items():
                totals[name] += metric(pred, yb).item() * len(xb)
    out = {name: total / len(dataset) for name, total in totals.items()}
    if penalty is not None and spec.get("evaluate_penalties", True):
        with torch.no_grad():
            out["loss"] += penalty().item()
    return out


def train(ctx, spec: dict) -> dict:
    loop = spec.get("loop", "dataloader")
    if loop not in LOOPS:
        raise ValueError(f"loop={loop!r} is not allowed: expected one of {', '.join(LOOPS)}")
    built, tensors = _model(ctx, spec)
    model = built.module
    loss_fn = runner.build(ctx, "loss", spec["loss"][0], spec["loss"][1]).module
    schedule = optim_runner._built("schedule", spec.get("schedule"))
    opt_name, opt_kwargs = spec["optimizer"]
    if schedule is not None:
        opt_kwargs = {**opt_kwargs, "learning_rate": schedule.base_lr}
    opt_spec = REGISTRY.get("optimizer", opt_name).build(**opt_kwargs).module
    names = sorted(tensors)
    optimizer = opt_spec.make(list(model.parameters()))
    scheduler = schedule.make(optimizer) if schedule is not None and schedule.make is not None else None
    per_epoch = spec.get("schedule_per", "update") == "epoch"
    clipping = optim_runner._built("clipping", spec.get("clipping"))
    penalty = penalties_of(spec, tensors)
    stopper = None if spec.get("early_stopping") is None else \
        REGISTRY.get("regularizer", "early_stopping").build(**spec["early_stopping"]).module
    best_state, val_losses = None, []

    x = into_layout(spec["x"], built.input_layout)          # a torch user's images are (N, C, H, W)
    dataset = torch.utils.data.TensorDataset(torch.tensor(x), torch.tensor(spec["y"]))
    loader = torch.utils.data.DataLoader(dataset, batch_size=spec["batch_size"], sampler=FixedOrder(spec["orders"]))
    rec = {"params": {k: [] for k in names}, "state": {}, "step": [], "lr": []}
    losses, layer_states, noises = [], [], []
    draws = DrawReader(built)
    model.train()
    for _ in range(len(spec["orders"])):
        for xb, yb in loader:
            xb, yb = xb.to(ctx.device), yb.to(ctx.device)
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            if penalty is not None:
                loss = loss + penalty()              # l2 * weight.square().sum(), ...: the objective
            loss.backward()
            if clipping is not None:
                clipping.apply(list(model.parameters()))     # e.g. clip_grad_norm_, between backward and step
            rec["lr"].append(float(optimizer.param_groups[0]["lr"]))
            optimizer.step()
            if scheduler is not None and not per_epoch:
                scheduler.step()
            losses.append(loss.item())
            optim_runner._record(rec, optimizer, opt_spec, tensors, names)
            layer_states.append(_layer_state(built))
            noises.append(draws.take())
        if scheduler is not None and per_epoch:
            scheduler.step()                     # the PyTorch idiom: once per epoch, after its batches
        if "validation" in spec:                 # the validation loss after each epoch, evaluation mode
            model.eval()
            with torch.no_grad():
                x_val, y_val = (to_device(a, ctx.device) for a in
                                (into_layout(spec["validation"][0], built.input_layout), spec["validation"][1]))
                val_losses.append(loss_fn(model(x_val), y_val).item())
            model.train()
            if stopper is not None:
                if stopper.update(val_losses[-1]) and stopper.restore_best_weights:
                    best_state = copy.deepcopy(model.state_dict())
                if stopper.should_stop():
                    break
    draws.remove()
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    with torch.no_grad():
        predictions = to_numpy(model(to_device(x, ctx.device)))
    evaluation = evaluate(ctx, model, loss_fn, spec, dataset, penalty)
    return {"loss": np.array(losses, dtype=spec["x"].dtype), "predictions": predictions, "evaluation": evaluation,
            "params": {k: np.stack(v) for k, v in rec["params"].items()},
            "state": {k: (np.stack(v) if not isinstance(v, dict) else {n: np.stack(a) for n, a in v.items()})
                      for k, v in rec["state"].items()},
            "step": np.array(rec["step"]) if rec["step"] else None,
            "layer_state": {k: np.stack([s[k] for s in layer_states]) for k in built.state},
            "val_loss": np.array(val_losses, dtype=spec["x"].dtype),
            "final_params": {k: from_torch(layout, to_numpy(p)) for k, (p, layout) in tensors.items()},
            "final_layer_state": _layer_state(built),
            "noise": noises,
            "lr": np.array(rec["lr"], dtype=np.float64),
            "fixed": {kind: getattr(b, "fixed", {}) for kind, b in (("optimizer", opt_spec), ("schedule", schedule),
                                                                   ("clipping", clipping)) if b is not None}}
