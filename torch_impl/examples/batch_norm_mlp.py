"""The batch-normalized network of ``reference/examples/batch_norm_mlp.py`` in PyTorch: by hand (the
normalization written with tensor ops, autograd for the gradients, momentum under ``torch.no_grad()``)
and high level (``nn.Linear(bias=False)``, ``nn.BatchNorm1d``, ``torch.optim.SGD(momentum=...)``).
Arguments and result as in the reference module. ``nn.BatchNorm1d``'s ε defaults to 1e-5: given."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}   # W as (in, out)
    depth = sum(k.startswith("W") for k in params)
    velocity, losses = {}, []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            a = x[batch]
            for i in range(1, depth):
                z = a @ params[f"W{i}"]
                mean, var = z.mean(dim=0), z.var(dim=0, unbiased=False)      # the batch's statistics
                z_hat = (z - mean) / torch.sqrt(var + epsilon)
                a = torch.relu(params[f"gamma{i}"] * z_hat + params[f"beta{i}"])
            p = torch.sigmoid(a @ params[f"W{depth}"] + params[f"b{depth}"])
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()
            with torch.no_grad():
                for k, w in params.items():
                    velocity[k] = w.grad.clone() if k not in velocity else momentum * velocity[k] + w.grad
                    w -= learning_rate * velocity[k]
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.detach().numpy() for k, w in params.items()}}


def high_level(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    depth = sum(k.startswith("W") for k in params)
    layers = []
    for i in range(1, depth):
        width = params[f"W{i}"].shape[1]
        layers += [nn.Linear(params[f"W{i}"].shape[0], width, bias=False),
                   nn.BatchNorm1d(width, eps=epsilon), nn.ReLU()]
    layers += [nn.Linear(*params[f"W{depth}"].shape), nn.Sigmoid()]
    model = nn.Sequential(*layers).to(x.dtype)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    norms = [m for m in model if isinstance(m, nn.BatchNorm1d)]
    with torch.no_grad():
        # nn.Linear stores weight as (out, in): copy in W's transpose; BatchNorm1d's γ is weight, β bias
        for i, linear in enumerate(linears, 1):
            linear.weight.copy_(torch.from_numpy(params[f"W{i}"].T))
        for i, norm in enumerate(norms, 1):
            norm.weight.copy_(torch.from_numpy(params[f"gamma{i}"]))
            norm.bias.copy_(torch.from_numpy(params[f"beta{i}"]))
        linears[-1].bias.copy_(torch.from_numpy(params[f"b{depth}"]))
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=momentum)
    model.train()                                          # batch statistics, not the running ones
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
    weights = {f"W{i}": linear.weight.detach().numpy().T for i, linear in enumerate(linears, 1)}
    for i, norm in enumerate(norms, 1):
        weights[f"gamma{i}"], weights[f"beta{i}"] = norm.weight.detach().numpy(), norm.bias.detach().numpy()
    weights[f"b{depth}"] = linears[-1].bias.detach().numpy()
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "batch_norm_mlp", status="composed",
         note="by hand: the normalization written out, autograd for the gradients; the variant high_level is "
              "nn.Sequential with nn.BatchNorm1d and torch.optim.SGD")(by_hand)
variant("example", "batch_norm_mlp", "high_level")(high_level)
