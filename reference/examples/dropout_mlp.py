"""A dropout network by hand: dense, ReLU, dropout, dense, ReLU, dropout, dense, sigmoid; binary
cross-entropy; mini-batch gradient descent (``conformance/study.py``, example ``dropout``).

Inverted dropout: in training each unit is kept with probability 1 − p and scaled by 1/(1 − p), so that
evaluation is the identity. The keep-masks are data here (``masks``: for each update, one boolean (B, H)
mask per dropout layer, drawn once and given to every way), so the ways can be compared exactly:
    h1 = max(0, x·W1 + b1) ⊙ m1/(1 − p)            (B, H1)
    h2 = max(0, h1·W2 + b2) ⊙ m2/(1 − p)           (B, H2)
    p̂ = σ(h2·W3 + b3)                              L = binary cross-entropy
Backward: a dropped unit passes no gradient, a kept one its gradient times 1/(1 − p):
    ∂L/∂z3 = (p̂ − y)/B
    ∂L/∂z2 = (∂L/∂z3·W3ᵀ) ⊙ m2/(1 − p) ⊙ [z2 > 0]
    ∂L/∂z1 = (∂L/∂z2·W2ᵀ) ⊙ m1/(1 − p) ⊙ [z1 > 0]

Every way takes x (N, F), y (N, 1); params {"W1", "b1", "W2", "b2", "W3", "b3"}, W as (in, out); rate (p);
masks; learning_rate; orders and batch_size, and returns {"losses": each epoch's mean batch loss,
"weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, rate, masks, learning_rate, orders, batch_size):
    W1, b1, W2, b2, W3, b3 = (params[k].copy() for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    losses, step = [], 0
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]
            scale1 = masks[step][0].astype(x.dtype) / (1 - rate)   # (B, H1): 0 or 1/(1 − p)
            scale2 = masks[step][1].astype(x.dtype) / (1 - rate)   # (B, H2)
            step += 1
            # forward
            z1 = xb @ W1 + b1
            h1 = np.maximum(z1, 0) * scale1
            z2 = h1 @ W2 + b2
            h2 = np.maximum(z2, 0) * scale2
            p = 1 / (1 + np.exp(-(h2 @ W3 + b3)))                  # (B, 1)
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            # backward
            dz3 = (p - yb) / len(batch)
            dW3, db3 = h2.T @ dz3, dz3.sum(axis=0)
            dz2 = (dz3 @ W3.T) * scale2 * (z2 > 0)
            dW2, db2 = h1.T @ dz2, dz2.sum(axis=0)
            dz1 = (dz2 @ W2.T) * scale1 * (z1 > 0)
            dW1, db1 = xb.T @ dz1, dz1.sum(axis=0)
            # update
            for w, g in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2), (W3, dW3), (b3, db3)):
                w -= learning_rate * g
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}}


# The harness finds the way here (conformance/study.py names them).
register("example", "dropout_mlp")(by_hand)
