"""The dropout network of ``reference/examples/dropout_mlp.py`` in PyTorch, by hand: tensors with
``requires_grad``, the given keep-masks applied as ``nn.functional.dropout`` would (kept units scaled by
1/(1 − p)), ``backward``, the update under ``torch.no_grad()``.

There is no high-level way here: ``nn.Dropout`` draws its own masks, which cannot be given to it. The
model family checks that way instead: its runner reads each update's draws back from torch and trains
the reference with them (``rosetta check --only 'sequential[example_dropout]'``)."""
import torch
from torch import nn

from torch_impl.registry import register


def by_hand(x, y, params, *, rate, masks, learning_rate, orders, batch_size):
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    # W as (in, out)
    params = {k: torch.tensor(p, requires_grad=True) for k, p in params.items()}
    losses, step = [], 0
    for order in orders:
        total = 0.0
        for batch in torch.from_numpy(order).split(batch_size):
            keep1, keep2 = (torch.from_numpy(m).to(x.dtype) for m in masks[step])
            step += 1
            h1 = torch.relu(x[batch] @ params["W1"] + params["b1"]) * (keep1 / (1 - rate))
            h2 = torch.relu(h1 @ params["W2"] + params["b2"]) * (keep2 / (1 - rate))
            p = torch.sigmoid(h2 @ params["W3"] + params["b3"])
            loss = nn.functional.binary_cross_entropy(p, y[batch])
            loss.backward()
            with torch.no_grad():
                for w in params.values():
                    w -= learning_rate * w.grad
                    w.grad.zero_()
            total += loss.item() * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {k: w.detach().numpy() for k, w in params.items()}}


# The harness finds the way here (conformance/study.py names them).
register("example", "dropout_mlp", status="composed",
         note="by hand with the masks given; nn.Dropout draws its own: the model family reads them back")(by_hand)
