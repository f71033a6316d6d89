"""The sine network of ``reference/examples/cosine_adam.py`` in PyTorch, two ways: by hand (autograd for the
gradients, the cosine learning rate and Adam written out under ``torch.no_grad()``, ε after the bias
correction as ``torch.optim.Adam`` places it) and high level (``nn.Sequential``, ``nn.MSELoss``,
``torch.optim.Adam`` and ``lr_scheduler.CosineAnnealingLR``, ``scheduler.step()`` after every update).
Arguments and result as in the reference module."""
import math

import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    m = {k: torch.zeros_like(p) for k, p in params.items()}
    v = {k: torch.zeros_like(p) for k, p in params.items()}
    t, losses = 0, []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            h = torch.tanh(x[batch] @ params["W1"] + params["b1"])
            loss = torch.mean((h @ params["W2"] + params["b2"] - y[batch]) ** 2)
            loss.backward()
            # this update's learning rate: the cosine at the count of updates so far
            lr = learning_rate * 0.5 * (1 + math.cos(math.pi * min(t, decay_steps) / decay_steps))
            t += 1
            with torch.no_grad():
                for k, p in params.items():
                    m[k] = beta_1 * m[k] + (1 - beta_1) * p.grad
                    v[k] = beta_2 * v[k] + (1 - beta_2) * p.grad ** 2
                    m_hat, v_hat = m[k] / (1 - beta_1 ** t), v[k] / (1 - beta_2 ** t)
                    # ε after the correction
                    p -= lr * m_hat / (v_hat.sqrt() + epsilon)
                    p.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: p.detach().numpy() for k, p in params.items()}}


def high_level(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    features, hidden = params["W1"].shape
    model = nn.Sequential(nn.Linear(features, hidden), nn.Tanh(), nn.Linear(hidden, 1)).to(x.dtype)
    # nn.Linear stores weight as (out, in): copy in W's transpose
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(params["W1"].T))
        model[0].bias.copy_(torch.from_numpy(params["b1"]))
        model[2].weight.copy_(torch.from_numpy(params["W2"].T))
        model[2].bias.copy_(torch.from_numpy(params["b2"]))
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=decay_steps)
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            loss = loss_fn(model(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()                        # once per update: the cosine is over updates
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    # back to (in, out)
    weights = {"W1": model[0].weight.detach().numpy().T, "b1": model[0].bias.detach().numpy(),
               "W2": model[2].weight.detach().numpy().T, "b2": model[2].bias.detach().numpy()}
    return {"losses": losses, "weights": weights}


# The harness finds the ways here (conformance/study.py names them).
register("example", "cosine_adam", status="composed",
         note="by hand: autograd gives the gradients, the cosine schedule and Adam are written out; the variant "
              "high_level is nn.Sequential with torch.optim.Adam and CosineAnnealingLR")(by_hand)
variant("example", "cosine_adam", "high_level")(high_level)
