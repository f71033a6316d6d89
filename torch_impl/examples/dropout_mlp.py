"""The dropout network of ``reference/examples/dropout_mlp.py`` in PyTorch, two ways: by hand (tensors with
``requires_grad``, the given keep-masks applied as ``nn.functional.dropout`` would, kept units scaled by
1/(1 − p), ``backward``, the update under ``torch.no_grad()``) and high level (``nn.Sequential`` with
``nn.Dropout``, ``nn.BCELoss``, ``torch.optim.SGD``). Arguments and result as in the reference module.

``nn.Dropout`` draws its own masks from torch's generator, seeded here (``torch.manual_seed(seed)``: the
high-level way takes ``seed`` instead of ``masks``). To compare it with the reference exactly the harness
needs each update's masks: ``recorded_masks`` attaches the model family's ``DrawReader`` (a forward
pre-hook on each ``nn.Dropout`` that saves the generator's state, calls the layer on ones, where a kept
unit shows 1/(1 − p) and a dropped one 0, and restores the state, so the real call draws the same numbers)
and the way returns the masks it read, one boolean (B, H) mask per dropout layer per update."""
import torch
from torch import nn

from reference.layers.dropout import kept_units
from torch_impl.model_runner import DrawReader
from torch_impl.registry import Probe, register, variant


def by_hand(x, y, params, *, rate, masks, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    losses, step = [], 0
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            keep1, keep2 = (torch.from_numpy(m).to(x.dtype) for m in masks[step])
            step += 1
            h1 = torch.relu(x[batch] @ params["W1"] + params["b1"]) * (keep1 / (1 - rate))
            h2 = torch.relu(h1 @ params["W2"] + params["b2"]) * (keep2 / (1 - rate))
            p = torch.sigmoid(h2 @ params["W3"] + params["b3"])
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()
            with torch.no_grad():
                for w in params.values():
                    w -= learning_rate * w.grad
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.detach().numpy() for k, w in params.items()}}


def high_level(x, y, params, *, rate, learning_rate, orders, batch_size, seed):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    torch.manual_seed(seed)                         # nn.Dropout draws its masks from torch's generator
    (features, hidden1), hidden2 = params["W1"].shape, params["W2"].shape[1]
    model = nn.Sequential(nn.Linear(features, hidden1), nn.ReLU(), nn.Dropout(rate),
                          nn.Linear(hidden1, hidden2), nn.ReLU(), nn.Dropout(rate),
                          nn.Linear(hidden2, 1), nn.Sigmoid()).to(x.dtype)
    with torch.no_grad():
        # nn.Linear stores its weight as (out, in): copy in the transpose of W
        for i, k in ((0, 1), (3, 2), (6, 3)):
            model[i].weight.copy_(torch.from_numpy(params[f"W{k}"].T))
            model[i].bias.copy_(torch.from_numpy(params[f"b{k}"]))
    masks = recorded_masks(model)   # for the harness, not the training: each update's masks, read back
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    model.train()                                   # dropout is on in training mode (model.eval() turns it off)
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            loss = loss_fn(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    # back to (in, out)
    weights = {"W1": model[0].weight.detach().numpy().T, "b1": model[0].bias.detach().numpy(),
               "W2": model[3].weight.detach().numpy().T, "b2": model[3].bias.detach().numpy(),
               "W3": model[6].weight.detach().numpy().T, "b3": model[6].bias.detach().numpy()}
    return {"losses": losses, "weights": weights, "masks": masks}


def recorded_masks(model: nn.Sequential) -> list:
    """A list that fills, as ``model`` runs in training, with each forward pass's keep-masks: [one boolean
    (B, H) array per ``nn.Dropout``, in order]. The masks are read by ``DrawReader`` (module docstring); a
    forward hook on the whole model collects them once its pass is done."""
    reader = DrawReader.of({i: (m, Probe(1.0, kept_units)) for i, m in enumerate(model) if isinstance(m, nn.Dropout)})
    masks = []

    def collect(module, args, output):
        draws = reader.take()
        if draws:                                   # an evaluation-mode pass draws none
            masks.append([draws[i] for i in sorted(draws)])
    model.register_forward_hook(collect)
    return masks


# The harness finds the ways here (conformance/study.py names them).
register("example", "dropout_mlp", status="composed",
         note="by hand with the masks given; the variant high_level is nn.Sequential with nn.Dropout and "
              "torch.optim, its masks read back per update")(by_hand)
variant("example", "dropout_mlp", "high_level")(high_level)
