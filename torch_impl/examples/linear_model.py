"""Linear, logistic and softmax regression (``reference/examples/linear_model.py``) in PyTorch: by hand
(tensors with ``requires_grad``, ``backward``, the update under ``torch.no_grad()``) and high level
(``nn.Sequential``, the link's loss module, ``torch.optim.SGD``). Arguments and result as in the
reference module. The softmax model ends at the logits: ``nn.CrossEntropyLoss`` applies log-softmax
itself (and takes one-hot targets as class probabilities)."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, link, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    W = torch.tensor(params["W"], requires_grad=True)                 # (in, out): z = x @ W + b
    b = torch.tensor(params["b"], requires_grad=True)
    losses = []
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            z = x[batch] @ W + b
            if link == "identity":
                loss = torch.mean((z - y[batch]) ** 2)
            elif link == "sigmoid":
                loss = nn.functional.binary_cross_entropy(torch.sigmoid(z), y[batch])
            else:
                loss = -torch.mean(torch.sum(y[batch] * torch.log_softmax(z, dim=1), dim=1))
            loss.backward()
            with torch.no_grad():
                W -= learning_rate * W.grad
                b -= learning_rate * b.grad
                W.grad.zero_()
                b.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"W": W.detach().numpy(), "b": b.detach().numpy()}}


def high_level(x, y, params, *, link, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    features, outputs = params["W"].shape
    layers = [nn.Linear(features, outputs)] + ([nn.Sigmoid()] if link == "sigmoid" else [])
    model = nn.Sequential(*layers).to(x.dtype)
    # nn.Linear stores weight as (out, in): copy in W's transpose
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(params["W"].T))
        model[0].bias.copy_(torch.from_numpy(params["b"]))
    loss_fn = {"identity": nn.MSELoss(), "sigmoid": nn.BCELoss(), "softmax": nn.CrossEntropyLoss()}[link]
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
    return {"losses": losses, "weights": {"W": model[0].weight.detach().numpy().T,
                                          "b": model[0].bias.detach().numpy()}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "linear_model", status="composed",
         note="by hand: autograd gives the gradients, the update is written out; the variant high_level is "
              "nn.Sequential with torch.optim")(by_hand)
variant("example", "linear_model", "high_level")(high_level)
