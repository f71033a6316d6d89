"""The early-stopped network of ``reference/examples/early_stopping_mlp.py`` in PyTorch, two ways: by hand
(tensors with ``requires_grad``, ``backward``, momentum written out, the validation loss under
``torch.no_grad()``, the best epoch's tensors cloned) and high level (``nn.Sequential``, ``nn.BCELoss``,
``torch.optim.SGD(momentum=...)``; ``model.eval()`` and ``torch.no_grad()`` for the validation loss, the best
``copy.deepcopy(model.state_dict())`` loaded back at the end). PyTorch has no early-stopping callback: the
rule is the loop's, three lines. Arguments and result as in the reference module."""
import copy

import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    x_val, y_val = torch.from_numpy(x_val), torch.from_numpy(y_val)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    velocity = {}
    losses, val_losses = [], []
    best, best_params, wait = None, None, 0
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            h = torch.tanh(x[batch] @ params["W1"] + params["b1"])
            p = torch.sigmoid(h @ params["W2"] + params["b2"])
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()
            with torch.no_grad():
                for k, w in params.items():
                    velocity[k] = w.grad.clone() if k not in velocity else momentum * velocity[k] + w.grad
                    w -= learning_rate * velocity[k]
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
        with torch.no_grad():                       # the validation loss, no graph
            h = torch.tanh(x_val @ params["W1"] + params["b1"])
            p = torch.sigmoid(h @ params["W2"] + params["b2"])
            val_losses.append(nn.functional.binary_cross_entropy(p, y_val).item())
        if best is None or val_losses[-1] < best:
            best, best_params, wait = val_losses[-1], {k: w.detach().clone() for k, w in params.items()}, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return {"losses": losses, "val_losses": val_losses,
            "weights": {k: w.numpy() for k, w in best_params.items()}}


def high_level(x, y, params, *, x_val, y_val, patience, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    x_val, y_val = torch.from_numpy(x_val), torch.from_numpy(y_val)
    features, hidden = params["W1"].shape
    model = nn.Sequential(nn.Linear(features, hidden), nn.Tanh(), nn.Linear(hidden, 1), nn.Sigmoid())
    model = model.to(x.dtype)
    with torch.no_grad():
        # nn.Linear stores its weight as (out, in): copy in the transpose of W
        model[0].weight.copy_(torch.from_numpy(params["W1"].T))
        model[0].bias.copy_(torch.from_numpy(params["b1"]))
        model[2].weight.copy_(torch.from_numpy(params["W2"].T))
        model[2].bias.copy_(torch.from_numpy(params["b2"]))
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=momentum)
    losses, val_losses = [], []
    best, best_state, wait = None, None, 0
    for order in orders:
        model.train()
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            loss = loss_fn(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
        model.eval()
        with torch.no_grad():
            val_losses.append(loss_fn(model(x_val), y_val).item())
        # early stopping: remember the best epoch's state, stop after `patience` epochs without improvement
        if best is None or val_losses[-1] < best:
            best, best_state, wait = val_losses[-1], copy.deepcopy(model.state_dict()), 0
        else:
            wait += 1
            if wait >= patience:
                break
    model.load_state_dict(best_state)               # the best epoch's weights
    # back to (in, out)
    weights = {"W1": model[0].weight.detach().numpy().T, "b1": model[0].bias.detach().numpy(),
               "W2": model[2].weight.detach().numpy().T, "b2": model[2].bias.detach().numpy()}
    return {"losses": losses, "val_losses": val_losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "early_stopping_mlp", status="composed",
         note="by hand: autograd gives the gradients, momentum and early stopping are written out; the variant "
              "high_level is nn.Sequential with torch.optim.SGD and the best state_dict kept by copy.deepcopy "
              "(torch has no early-stopping callback)")(by_hand)
variant("example", "early_stopping_mlp", "high_level")(high_level)
