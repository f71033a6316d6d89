"""The perceptron (``reference/examples/perceptron_rule.py``) in PyTorch. torch has no perceptron; its
closest idiom is a linear unit trained by SGD on the perceptron criterion max(0, −t·s) at twice the
rule's rate, one sample per update: by hand (a tensor w with ``requires_grad``, ``backward``, the update
under ``torch.no_grad()``) and high level (``nn.Linear``, ``torch.optim.SGD``). Arguments and result as
in the reference module."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params, *, learning_rate, orders):
    x, t = torch.from_numpy(x), torch.from_numpy(y[:, 0])
    w = torch.tensor(params["w"], requires_grad=True)              # (F,)
    b = torch.tensor(params["b"], requires_grad=True)              # ()
    losses = []
    for order in orders:
        total = 0.0
        for n in order:
            loss = torch.relu(-t[n] * (x[n] @ w + b))              # the perceptron criterion
            loss.backward()
            with torch.no_grad():
                # SGD at 2η is the perceptron rule
                w -= 2 * learning_rate * w.grad
                b -= 2 * learning_rate * b.grad
                w.grad.zero_()
                b.grad.zero_()
            total += loss.item()
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"w": w.detach().numpy(), "b": b.detach().numpy()}}


def high_level(x, y, params, *, learning_rate, orders):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    unit = nn.Linear(x.shape[1], 1).to(x.dtype)
    # nn.Linear's weight is (out, in) = (1, F)
    with torch.no_grad():
        unit.weight.copy_(torch.from_numpy(params["w"])[None, :])
        unit.bias.copy_(torch.from_numpy(params["b"]).reshape(1))
    # SGD at 2η is the rule
    optimizer = torch.optim.SGD(unit.parameters(), lr=2 * learning_rate)
    losses = []
    for order in orders:
        total = 0.0
        for n in order:
            # the perceptron criterion
            loss = torch.relu(-y[n] * unit(x[n])).sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        losses.append(total / len(order))
    w, b = unit.weight.detach().numpy()[0], unit.bias.detach().numpy()[0]     # back to (F,) and ()
    return {"losses": losses, "weights": {"w": w, "b": b}}


# The harness finds the ways here (conformance/study.py names them).
register("example", "perceptron_rule", status="composed",
         note="no perceptron in torch: SGD at 2η on the perceptron criterion, by hand; the variant high_level "
              "is nn.Linear with torch.optim.SGD")(by_hand)
variant("example", "perceptron_rule", "high_level")(high_level)
