"""The clipped, penalized ReLU network of ``reference/examples/clipped_mlp.py`` in PyTorch, two ways: by hand
(autograd for the gradients of the loss plus the penalty, the global-norm clipping and momentum written out
under ``torch.no_grad()``, the norm + 1e-6 as ``clip_grad_norm_`` forms it) and high level (``nn.Sequential``,
``nn.BCELoss`` plus ``l2 * W.square().sum()`` for each kernel, ``nn.utils.clip_grad_norm_`` between
``backward()`` and ``step()``, ``torch.optim.SGD(momentum=...)``). Arguments and result as in the reference
module.

PyTorch has no kernel regularizer: the penalty is a term of the loss (``weight_decay`` would put λ·θ on
every parameter, biases too, and leave it out of the loss)."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
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
            p = torch.sigmoid(h @ params[f"W{depth}"] + params[f"b{depth}"])
            penalty = l2 * sum((params[f"W{i}"] ** 2).sum() for i in range(1, depth + 1))
            loss = nn.functional.binary_cross_entropy(p, y[batch]) + penalty
            loss.backward()
            with torch.no_grad():
                # clip_grad_norm_'s form: 1e-6 added to the global norm
                norm = torch.sqrt(sum((w.grad ** 2).sum() for w in params.values()))
                scale = torch.clamp(max_norm / (norm + 1e-6), max=1.0)
                for k, w in params.items():
                    g = w.grad * scale
                    velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                    w -= learning_rate * velocity[k]
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.detach().numpy() for k, w in params.items()}}


def high_level(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    depth = len(params) // 2
    layers = []
    for i in range(1, depth + 1):
        layers += [nn.Linear(*params[f"W{i}"].shape), nn.ReLU() if i < depth else nn.Sigmoid()]
    model = nn.Sequential(*layers).to(x.dtype)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    # nn.Linear stores weight as (out, in): copy in W's transpose
    with torch.no_grad():
        for i, linear in enumerate(linears, 1):
            linear.weight.copy_(torch.from_numpy(params[f"W{i}"].T))
            linear.bias.copy_(torch.from_numpy(params[f"b{i}"]))
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=momentum)
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            # the L2 penalty on the kernels, a term of the loss
            penalty = l2 * sum(linear.weight.square().sum() for linear in linears)
            loss = loss_fn(model(x[batch]), y[batch]) + penalty
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm)     # between backward and step
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    weights = {}
    for i, linear in enumerate(linears, 1):
        weights[f"W{i}"], weights[f"b{i}"] = linear.weight.detach().numpy().T, linear.bias.detach().numpy()
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "clipped_mlp", status="composed",
         note="by hand: autograd gives the gradients, the clipping and momentum are written out; the variant "
              "high_level adds the penalty to the loss and calls clip_grad_norm_ before torch.optim.SGD's step")(
    by_hand)
variant("example", "clipped_mlp", "high_level")(high_level)
