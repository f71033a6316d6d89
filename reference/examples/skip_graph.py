"""A graph, not a stack, by hand: two dense branches added, tanh, the input concatenated back in (a skip
connection), a dense output unit and a sigmoid; binary cross-entropy; SGD with momentum
(``conformance/study.py``, example ``functional_skip``).

Forward, for a batch (x (B, F), y (B, 1)):
    s = (x·Wa + ba) + (x·Wb + bb)            (B, H)    the two branches, added
    h = tanh(s)                              (B, H)
    c = [h, x]                               (B, H + F) the skip connection: x used a third time
    p = σ(c·Wo + bo)                         (B, 1)
Backward, the chain rule through the graph:
    ∂L/∂z = (p − y)/B;  ∂L/∂Wo = cᵀ·∂L/∂z
    ∂L/∂c = ∂L/∂z·Woᵀ, split by the widths: ∂L/∂h = its first H columns (the last F reach x)
    ∂L/∂s = ∂L/∂h ⊙ (1 − h²)
    add passes ∂L/∂s to both branches unchanged: ∂L/∂Wa = ∂L/∂Wb = xᵀ·∂L/∂s
(a value used by several nodes, here x, gathers the sum of their gradients: the multivariate chain rule;
x is data, so its gradient is not needed). The branches get equal gradients: only Wa + Wb is learned.
SGD with momentum in PyTorch's form, v ← g at the first step, then v ← μ·v + g, θ ← θ − η·v.

Every way takes x (N, F), y (N, 1); params {"Wa" (F, H), "ba" (H,), "Wb" (F, H), "bb" (H,), "Wo" (H + F, 1),
"bo" (1,)}, W as (in, out); learning_rate, momentum; orders and batch_size, and returns {"losses": each
epoch's mean batch loss, "weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, momentum, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    hidden = params["Wa"].shape[1]
    velocity = {}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                                     # (B, F), (B, 1)
            # forward
            s = (xb @ params["Wa"] + params["ba"]) + (xb @ params["Wb"] + params["bb"])   # (B, H)
            h = np.tanh(s)
            c = np.concatenate([h, xb], axis=1)                             # (B, H + F)
            p = 1 / (1 + np.exp(-(c @ params["Wo"] + params["bo"])))        # (B, 1)
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            # backward
            dz = (p - yb) / len(batch)                                      # (B, 1)
            dc = dz @ params["Wo"].T                                        # (B, H + F)
            ds = dc[:, :hidden] * (1 - h ** 2)                              # (B, H): h's columns of dc
            grads = {"Wo": c.T @ dz, "bo": dz.sum(axis=0),
                     "Wa": xb.T @ ds, "ba": ds.sum(axis=0),                 # add: the same ds to both
                     "Wb": xb.T @ ds, "bb": ds.sum(axis=0)}
            # SGD with momentum
            for k, g in grads.items():
                velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                params[k] -= learning_rate * velocity[k]
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "skip_graph")(by_hand)
