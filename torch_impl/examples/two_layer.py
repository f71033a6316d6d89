"""The two-layer tanh/sigmoid network of ``reference/examples/two_layer.py`` in PyTorch, two ways:
by hand (tensors with ``requires_grad``, autograd's ``backward``, the update written under
``torch.no_grad()``) and high level (``nn.Sequential``, ``nn.BCELoss``, ``torch.optim.SGD``, the usual
``zero_grad / backward / step`` loop). Arguments and result as in the reference module."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # Plain tensors that autograd tracks, W as (in, out): the forward is written x @ W1 + b1.
    W1, b1, W2, b2 = (torch.tensor(params[k], requires_grad=True) for k in ("W1", "b1", "W2", "b2"))
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            h = torch.tanh(x[batch] @ W1 + b1)                            # (B, H)
            p = torch.sigmoid(h @ W2 + b2)                                # (B, 1)
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()                                               # fills W1.grad, ...
            # the update is not part of the graph
            with torch.no_grad():
                for w in (W1, b1, W2, b2):
                    w -= learning_rate * w.grad
                    # backward adds to .grad: reset it
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    weights = {k: w.detach().numpy() for k, w in zip(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2))}
    return {"losses": losses, "weights": weights}


def high_level(x, y, params, *, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    features, hidden = params["W1"].shape
    model = nn.Sequential(nn.Linear(features, hidden), nn.Tanh(), nn.Linear(hidden, 1), nn.Sigmoid())
    model = model.to(x.dtype)
    with torch.no_grad():
        # nn.Linear stores its weight as (out, in) and computes x @ weight.T: copy in the transpose of W.
        model[0].weight.copy_(torch.from_numpy(params["W1"].T))
        model[0].bias.copy_(torch.from_numpy(params["b1"]))
        model[2].weight.copy_(torch.from_numpy(params["W2"].T))
        model[2].bias.copy_(torch.from_numpy(params["b2"]))
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
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
               "W2": model[2].weight.detach().numpy().T, "b2": model[2].bias.detach().numpy()}
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "two_layer", status="composed",
         note="by hand: autograd gives the gradients, the update is written out; the variant high_level is "
              "nn.Sequential with torch.optim")(by_hand)
variant("example", "two_layer", "high_level")(high_level)
