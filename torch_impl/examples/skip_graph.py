"""The skip-connection graph of ``reference/examples/skip_graph.py`` in PyTorch, two ways: by hand (tensors
with ``requires_grad``, ``torch.cat`` for the skip, ``backward``, momentum written out) and high level (an
``nn.Module`` whose ``forward`` adds the branches and ``torch.cat``'s the input back in: how a graph is
written in PyTorch; ``nn.BCELoss``, ``torch.optim.SGD(momentum=...)``). Arguments and result as in the
reference module."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    velocity = {}
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            xb = x[batch]
            h = torch.tanh((xb @ params["Wa"] + params["ba"]) + (xb @ params["Wb"] + params["bb"]))
            c = torch.cat([h, xb], dim=1)                                   # the skip connection
            p = torch.sigmoid(c @ params["Wo"] + params["bo"])
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()                         # through both branches and the concatenation
            with torch.no_grad():
                for k, w in params.items():
                    velocity[k] = w.grad.clone() if k not in velocity else momentum * velocity[k] + w.grad
                    w -= learning_rate * velocity[k]
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.detach().numpy() for k, w in params.items()}}


def high_level(x, y, params, *, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)

    class SkipNet(nn.Module):
        """Two branches added, tanh, the input concatenated back in, one sigmoid unit."""

        def __init__(self, features, hidden):
            super().__init__()
            self.a, self.b = nn.Linear(features, hidden), nn.Linear(features, hidden)
            self.out = nn.Linear(hidden + features, 1)

        def forward(self, x):
            h = torch.tanh(self.a(x) + self.b(x))
            return torch.sigmoid(self.out(torch.cat([h, x], dim=1)))

    model = SkipNet(*params["Wa"].shape).to(x.dtype)
    with torch.no_grad():
        # nn.Linear stores its weight as (out, in): copy in the transpose of W
        for name, linear in (("a", model.a), ("b", model.b), ("o", model.out)):
            linear.weight.copy_(torch.from_numpy(params[f"W{name}"].T))
            linear.bias.copy_(torch.from_numpy(params[f"b{name}"]))
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=momentum)
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
    weights = {}
    for name, linear in (("a", model.a), ("b", model.b), ("o", model.out)):
        weights[f"W{name}"], weights[f"b{name}"] = linear.weight.detach().numpy().T, linear.bias.detach().numpy()
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "skip_graph", status="composed",
         note="by hand: autograd gives the gradients, momentum is written out; the variant high_level is an "
              "nn.Module whose forward adds and concatenates, with torch.optim.SGD")(by_hand)
variant("example", "skip_graph", "high_level")(high_level)
