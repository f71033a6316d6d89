"""A two-layer network by hand: dense, tanh, dense, sigmoid; binary cross-entropy; mini-batch
gradient descent. The XOR and planar-flower examples (``conformance/study.py``).

Forward, for a batch of B samples (x (B, F), y (B, 1) in {0, 1}):
    h = tanh(x·W1 + b1)                                  (B, H)
    p = σ(h·W2 + b2)                                     (B, 1)
    L = −(1/B)·Σ [y·log p + (1 − y)·log(1 − p)]
Backward, the chain rule from the loss down:
    ∂L/∂z2 = (p − y)/B          the sigmoid's derivative p(1 − p) cancels the loss's denominator
    ∂L/∂W2 = hᵀ·∂L/∂z2,   ∂L/∂b2 = Σ_rows ∂L/∂z2
    ∂L/∂z1 = (∂L/∂z2·W2ᵀ) ⊙ (1 − h²)                    tanh' = 1 − tanh²
    ∂L/∂W1 = xᵀ·∂L/∂z1,   ∂L/∂b1 = Σ_rows ∂L/∂z1
Update: θ ← θ − η·∂L/∂θ for each of W1, b1, W2, b2.

Every way of this network takes the same arguments and returns the same thing:
    x (N, F), y (N, 1); params {"W1" (F, H), "b1" (H,), "W2" (H, 1), "b2" (1,)}, W as (in, out);
    orders: one permutation of range(N) per epoch (the shared sample order); batch_size
    -> {"losses": the mean batch loss of each epoch, "weights": the trained params, same names and layout}
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, orders, batch_size):
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    losses = []
    for order in orders:                                    # one epoch, in the shared order
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                     # (B, F), (B, 1)
            # forward
            h = np.tanh(xb @ W1 + b1)                       # (B, H)
            p = 1 / (1 + np.exp(-(h @ W2 + b2)))            # (B, 1)
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            # backward
            dz2 = (p - yb) / len(batch)                     # (B, 1)
            dW2, db2 = h.T @ dz2, dz2.sum(axis=0)           # (H, 1), (1,)
            dz1 = (dz2 @ W2.T) * (1 - h ** 2)               # (B, H)
            dW1, db1 = xb.T @ dz1, dz1.sum(axis=0)          # (F, H), (H,)
            # update
            W1 -= learning_rate * dW1
            b1 -= learning_rate * db1
            W2 -= learning_rate * dW2
            b2 -= learning_rate * db2
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}}


# The harness finds the way here (conformance/study.py names them).
register("example", "two_layer")(by_hand)
