"""The reference training loop for a whole model: one update per mini-batch.

    for epoch, order in enumerate(orders):                # order: a permutation of range(N)
        for batch in chunks(order, batch_size):           # the last one may be smaller
            y_hat, layer_state, cache = model.apply(x[batch], params, layer_state, training=True, noise=noise)
            loss, lcache = loss_fn.forward(y_hat, y[batch])
            _, grads = model.backward(loss_fn.backward(1, lcache), cache)
            params, state = optimizer.update(grads, state, params)

``layer_state`` is the running statistics of stateful layers (batch normalization), carried from batch to
batch like the optimizer's ``state``; ``noise`` is each random layer's draw for that update: given
(``noises``, one {layer index: noise} per update: the framework's own draws, read back) or drawn from
``rng``.

Full-batch (batch_size = N), mini-batch and online (batch_size = 1) training are this loop with
another batch size. The sample order of every epoch is drawn once here (``epoch_orders``) and fed to
all three implementations. The record is the one of ``reference/optimizers/trajectory.py`` (``stack``)
plus ``"loss"``: (T,), the loss of each update's batch before that update, ``"layer_state"``:
{"<i>.<name>": (T, ...)} after each update, and ``"noise"``: the draws used, one dict per update.

``probe`` is one step of that loop without the update, every layer's quantities kept: what the
first-divergence localization (``conformance/localize.py``) compares layer by layer.
"""
from __future__ import annotations

import numpy as np

from reference import validate
from reference.models.functional import merge, merge_backward
from reference.optimizers.trajectory import stack


def model_of(spec: dict) -> tuple[str, dict]:
    """The (component, kwargs) of the model a runner's spec names: ``spec["model"]``, or a Sequential of
    ``spec["layers"]``."""
    return spec["model"] if "model" in spec else ("sequential", {"layers": spec["layers"]})


def reference_graph(spec: dict) -> list[tuple]:
    """The computation order of the model a runner's spec names (``graph()`` of the reference model: (key,
    component, reference module or None for a merge, inputs)); the framework probes walk their own layers in
    it, so both sides name every value alike."""
    from reference import registry
    name, kwargs = model_of(spec)
    return registry.get("model", name)(**kwargs).graph()


def epoch_orders(rng: np.random.Generator, n: int, epochs: int, shuffle: bool) -> list[np.ndarray]:
    """The sample order of each epoch: a fresh permutation per epoch, or 0..n−1 without shuffling."""
    return [rng.permutation(n) if shuffle else np.arange(n) for _ in range(epochs)]


def batches(order: np.ndarray, batch_size: int) -> list[np.ndarray]:
    """One epoch's order cut into mini-batches of ``batch_size`` (the last may be smaller)."""
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def penalized(loss: np.ndarray, grads: dict, params: dict, penalties: dict | None) -> tuple[np.ndarray, dict]:
    """The loss plus each penalty on its parameter (``penalties``: {parameter name: l1, l2 or l1_l2 of
    ``reference/regularizers``}), and the gradients plus each penalty's gradient:

        J = loss + Σ_k R_k(θ_k),        ∂J/∂θ_k = ∂loss/∂θ_k + ∂R_k/∂θ_k
    """
    if not penalties:
        return loss, grads
    grads, total = dict(grads), np.zeros((), dtype=loss.dtype)
    for name, penalty in penalties.items():
        value, cache = penalty.forward(params[name])
        total = total + value
        grads[name] = grads[name] + penalty.backward(np.ones_like(value), cache)
    return loss + total, grads


def fit(model, loss_fn, optimizer, params: dict, x: np.ndarray, y: np.ndarray, orders: list[np.ndarray],
        batch_size: int, *, noises: list[dict] | None = None, rng: np.random.Generator | None = None,
        validation: tuple[np.ndarray, np.ndarray] | None = None, early_stopping=None,
        penalties: dict | None = None, clip=None) -> dict:
    """The loop of the module docstring. With ``validation`` = (x_val, y_val), the validation loss (evaluation
    mode, all of x_val in one batch) is recorded after each epoch (``"val_loss"``: (epochs run,)); with
    ``early_stopping`` (``reference/regularizers/early_stopping.py``) it decides after each epoch whether to
    stop, and with ``restore_best_weights`` the best epoch's parameters and layer state are put back at the
    end. ``"final_params"`` / ``"final_layer_state"``: what training leaves (restored or the last update's).
    ``penalties`` ({parameter name: penalty}): added to each batch's loss and gradients (``penalized``; the
    recorded ``loss`` is then the objective the update descends); ``clip`` (``reference/clipping``): applied
    to the gradients of that objective before each update, as torch's ``clip_grad_norm_`` after
    ``backward()`` and Keras's optimizer inside ``apply_gradients`` do."""
    validate.integer("batch_size", batch_size, low=1)
    if early_stopping is not None and validation is None:
        raise ValueError("early_stopping needs validation=(x_val, y_val): it decides on the validation loss")
    steps = sum(len(batches(order, batch_size)) for order in orders)
    if noises is not None and len(noises) > steps:
        raise ValueError(f"noises has {len(noises)} entries: expected at most one per update ({steps})")
    state = optimizer.init(params)
    layer_state = model.init_state(x.shape[-1], x.dtype)
    rows, lrs, losses, layer_states, used, val_losses = [], [], [], [], [], []
    es_state, best = (early_stopping.init() if early_stopping is not None else None), None
    for epoch, order in enumerate(orders):
        for batch in batches(order, batch_size):
            if noises is not None and len(rows) == len(noises):
                raise ValueError(f"noises has {len(noises)} entries, and this run goes on to update {len(rows) + 1}: "
                                 "the run that drew them stopped earlier")
            noise = None if noises is None else noises[len(rows)]
            y_hat, layer_state, cache = model.apply(x[batch], params, layer_state, training=True, rng=rng,
                                                    noise=noise)                  # (B, out)
            loss, lcache = loss_fn.forward(y_hat, y[batch])
            _, grads = model.backward(loss_fn.backward(np.ones_like(loss), lcache), cache)
            loss, grads = penalized(loss, grads, params, penalties)
            if clip is not None:
                grads = clip(grads)
            lrs.append(optimizer.lr_at(state["step"]))
            params, state = optimizer.update(grads, state, params)
            rows.append((params, state))
            losses.append(loss)
            layer_states.append(layer_state)
            used.append(model.used_noise(cache))
        if validation is None:
            continue
        x_val, y_val = validation
        val_losses.append(evaluate(model, loss_fn, {}, params, layer_state, x_val, y_val, len(x_val))["loss"])
        if early_stopping is not None:
            es_state, improved = early_stopping.update(es_state, epoch, float(val_losses[-1]))
            if improved and early_stopping.restore_best_weights:
                best = (params, layer_state)
            if es_state.stopped_epoch is not None:
                break
    record = stack(rows, lrs)
    record["loss"] = np.array(losses)
    record["layer_state"] = {k: np.stack([s[k] for s in layer_states]) for k in layer_states[0]} if rows else {}
    record["noise"] = used
    record["val_loss"] = np.array(val_losses, dtype=x.dtype)
    record["final_params"], record["final_layer_state"] = best if best is not None else (params, layer_state)
    return record


def probe(model, loss_fn, params: dict, x: np.ndarray, y: np.ndarray, *, state: dict | None = None,
          noise: dict | None = None) -> dict:
    """One training-mode forward and backward at ``params`` (and the layers' ``state``) on the batch
    (x, y), with each random layer's ``noise``, keeping every value of the model's graph (``model.graph()``:
    a Sequential's layers 0, 1, ..., a functional model's nodes), keyed like its parameters:

        outputs[k]       the output of layer (node) k                           (B, width_k)
        grad_outputs[k]  ∂loss/∂outputs[k] (a value used twice: the sum)        (B, width_k)
        grad_params      {"<k>.<name>": ∂loss/∂θ_k[name]}
        loss             the batch's loss (a scalar array)
    """
    state = model.init_state(x.shape[-1], x.dtype) if state is None else state
    noise = {} if noise is None else noise
    model.check_noise(noise)
    graph = model.graph()
    p_of, s_of = _per_key(params), _per_key(state)
    values, caches = {"input": x}, {}
    for key, comp, m, ins in graph:
        if m is None:
            values[key] = merge(comp, [values[n] for n in ins])
            continue
        kw = {"training": True, **({"noise": noise[key]} if m.random else {})}
        if m.stateful:
            values[key], _, caches[key] = m.forward(values[ins[0]], p_of.get(str(key), {}), s_of.get(str(key), {}), **kw)
        else:
            values[key], caches[key] = m.forward(values[ins[0]], p_of.get(str(key), {}), **kw)
    out_key = graph[-1][0] if not hasattr(model, "output") else model.output
    loss, lcache = loss_fn.forward(values[out_key], y)
    delta = {out_key: loss_fn.backward(np.ones_like(loss), lcache)}             # ∂loss/∂output
    grad_outputs, grads = {}, {}
    for key, comp, m, ins in reversed(graph):
        d = grad_outputs[key] = delta.pop(key)
        if m is None:
            parts = merge_backward(comp, d, [values[n].shape[-1] for n in ins])
        else:
            dx, g = m.backward(d, caches[key])
            grads.update({f"{key}.{k}": v for k, v in g.items()})
            parts = [dx]
        for n, part in zip(ins, parts):
            delta[n] = part if n not in delta else delta[n] + part
    return {"outputs": {k: values[k] for k, *_ in graph}, "grad_outputs": {k: grad_outputs[k] for k, *_ in graph},
            "grad_params": grads, "loss": loss}


def _per_key(values: dict) -> dict[str, dict]:
    """{"<key>.<name>": array} -> {"<key>": {name: array}}."""
    per: dict[str, dict] = {}
    for k, v in values.items():
        key, name = k.split(".", 1)
        per.setdefault(key, {})[name] = v
    return per


def evaluate(model, loss_fn, metrics: dict, params: dict, state: dict, x: np.ndarray, y: np.ndarray,
             batch_size: int, penalties: dict | None = None) -> dict:
    """The evaluation a user runs after training (Keras ``evaluate``, torch's ``model.eval()`` loop):
    evaluation mode (running statistics, no dropout), consecutive batches of ``batch_size`` in order,
    each batch's loss and every metric averaged over the samples, each batch weighted by its size:

        loss = Σ_b N_b·loss(batch b) / N        metric = Σ_n s_n / N  (``reference/metrics/base.py``)

    ``metrics``: {name: reference metric}; ``penalties`` ({parameter name: penalty}): their sum at ``params``
    joins the loss (Keras's ``evaluate`` reports the loss with the model's regularization losses).
    Returns {"loss": value, name: value, ...}.
    """
    validate.integer("batch_size", batch_size, low=1)
    total = np.zeros((), dtype=x.dtype)
    states = {name: m.init(x.dtype) for name, m in metrics.items()}
    for batch in batches(np.arange(len(x)), batch_size):
        y_hat = model.apply(x[batch], params, state, training=False)[0]          # (B, out)
        total = total + loss_fn.forward(y_hat, y[batch])[0] * x.dtype.type(len(batch))
        states = {name: m.update(states[name], y_hat, y[batch]) for name, m in metrics.items()}
    loss = total / x.dtype.type(len(x))
    for name, penalty in (penalties or {}).items():
        loss = loss + penalty(params[name])
    return {"loss": loss, **{name: m.result(states[name]) for name, m in metrics.items()}}
