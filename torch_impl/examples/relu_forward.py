"""The hand-set network of ``reference/examples/relu_forward.py`` in PyTorch, two ways: by hand (the forward
pass written with tensors) and high level (an ``nn.Sequential`` with the weights copied in, evaluated under
``torch.no_grad()``). Arguments and result as in the reference module: the forward pass only."""
import torch
from torch import nn

from torch_impl.registry import register, variant


def by_hand(x, y, params):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out): the forward is written x @ W1 + b1
    W1, b1, W2, b2 = (torch.from_numpy(params[k]) for k in ("W1", "b1", "W2", "b2"))
    h = torch.relu(x @ W1 + b1)                                     # (N, H)
    outputs = h @ W2 + b2                                           # (N, 1)
    loss = torch.mean((outputs - y) ** 2)
    return {"outputs": outputs.numpy(), "loss": loss.numpy()}


def high_level(x, y, params):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    features, hidden = params["W1"].shape
    model = nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.Linear(hidden, 1)).to(x.dtype)
    with torch.no_grad():
        # nn.Linear stores its weight as (out, in) and computes x @ weight.T: copy in the transpose of W.
        model[0].weight.copy_(torch.from_numpy(params["W1"].T))
        model[0].bias.copy_(torch.from_numpy(params["b1"]))
        model[2].weight.copy_(torch.from_numpy(params["W2"].T))
        model[2].bias.copy_(torch.from_numpy(params["b2"]))
    model.eval()
    with torch.no_grad():                           # a forward pass only: no graph for backward
        outputs = model(x)
        loss = nn.MSELoss()(outputs, y)
    return {"outputs": outputs.numpy(), "loss": loss.numpy()}


# The harness finds the ways here (conformance/study.py names them).
register("example", "relu_forward", status="composed",
         note="by hand: the forward pass in tensors; the variant high_level is nn.Sequential with the weights "
              "copied in")(by_hand)
variant("example", "relu_forward", "high_level")(high_level)
