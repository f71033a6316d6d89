"""The ReLU network of ``reference/examples/relu_mlp.py`` (any depth, sigmoid or softmax output, SGD with
momentum) in PyTorch: by hand (tensors with ``requires_grad``, ``backward``, momentum written out under
``torch.no_grad()``) and high level (``nn.Sequential``, ``nn.BCELoss`` or ``nn.CrossEntropyLoss``,
``torch.optim.SGD(momentum=...)``). Arguments and result as in the reference module."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, link, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    depth = len(params) // 2
    velocity = {}
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            h = x[batch]
            for i in range(1, depth):
                h = torch.relu(h @ params[f"W{i}"] + params[f"b{i}"])
            z = h @ params[f"W{depth}"] + params[f"b{depth}"]
            if link == "sigmoid":
                loss = nn.functional.binary_cross_entropy(torch.sigmoid(z), y[batch])
            else:
                loss = -torch.mean(torch.sum(y[batch] * torch.log_softmax(z, dim=1), dim=1))
            loss.backward()
            with torch.no_grad():
                for k, p in params.items():
                    velocity[k] = p.grad.clone() if k not in velocity else momentum * velocity[k] + p.grad
                    p -= learning_rate * velocity[k]
                    p.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: p.detach().numpy() for k, p in params.items()}}


def high_level(x, y, params, *, link, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    depth = len(params) // 2
    layers = []
    for i in range(1, depth + 1):
        layers.append(nn.Linear(*params[f"W{i}"].shape))
        if i < depth:
            layers.append(nn.ReLU())
    if link == "sigmoid":
        layers.append(nn.Sigmoid())
    model = nn.Sequential(*layers).to(x.dtype)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    # nn.Linear stores weight as (out, in): copy in W's transpose
    with torch.no_grad():
        for i, linear in enumerate(linears, 1):
            linear.weight.copy_(torch.from_numpy(params[f"W{i}"].T))
            linear.bias.copy_(torch.from_numpy(params[f"b{i}"]))
    loss_fn = nn.BCELoss() if link == "sigmoid" else nn.CrossEntropyLoss()
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
    weights = {}
    for i, linear in enumerate(linears, 1):
        weights[f"W{i}"], weights[f"b{i}"] = linear.weight.detach().numpy().T, linear.bias.detach().numpy()
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "relu_mlp", status="composed",
         note="by hand: autograd gives the gradients, momentum is written out; the variant high_level is "
              "nn.Sequential with torch.optim.SGD(momentum=...)")(by_hand)
variant("example", "relu_mlp", "high_level")(high_level)
