"""A 1-16-1 tanh network fitting a noisy sine by hand: dense, tanh, dense; the mean squared error; Adam whose
learning rate follows a cosine, one step of the schedule per update (``conformance/study.py``, example
``sine``).

    h = tanh(x·W1 + b1)                      (B, H)
    ŷ = h·W2 + b2                            (B, 1)
    L = mean (ŷ − y)²
Backward:
    ∂L/∂ŷ = 2·(ŷ − y)/B                      (B, 1)
    ∂L/∂W2 = hᵀ·∂L/∂ŷ,  ∂L/∂b2 = Σ_rows ∂L/∂ŷ
    ∂L/∂z1 = (∂L/∂ŷ·W2ᵀ) ⊙ (1 − h²)          tanh' = 1 − tanh²
    ∂L/∂W1 = xᵀ·∂L/∂z1,  ∂L/∂b1 = Σ_rows ∂L/∂z1
Cosine decay over T = ``decay_steps`` updates (Loshchilov & Hutter), update t = 1, 2, ... uses
    η_t = η₀ · ½(1 + cos(π·min(t − 1, T)/T))    η₀ at the first update, 0 after T
(torch's ``CosineAnnealingLR(T_max=T)``, Keras's ``CosineDecay(η₀, decay_steps=T)``; they part after T,
where torch's climbs back). Adam as in ``relu_adam.py``, with η_t in place of η: ε after the bias
correction here (PyTorch's placement; Keras's is before it, ``epsilon_placement``).

Every way takes x (N, 1), y (N, 1); params {"W1" (1, H), "b1" (H,), "W2" (H, 1), "b2" (1,)}, W as (in,
out); learning_rate (η₀), decay_steps, beta_1, beta_2, epsilon; orders and batch_size, and returns
{"losses": each epoch's mean batch loss, "weights": the trained params}.
"""
import math

import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, decay_steps, beta_1, beta_2, epsilon, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    m = {k: np.zeros_like(p) for k, p in params.items()}           # Adam's first moment, per parameter
    v = {k: np.zeros_like(p) for k, p in params.items()}           # and its second moment
    t, losses = 0, []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            xb, yb = x[batch], y[batch]                            # (B, 1), (B, 1)
            W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
            # forward
            h = np.tanh(xb @ W1 + b1)                              # (B, H)
            y_hat = h @ W2 + b2                                    # (B, 1)
            loss = np.mean((y_hat - yb) ** 2)
            # backward
            dy = 2 * (y_hat - yb) / y_hat.size                     # (B, 1)
            dz1 = (dy @ W2.T) * (1 - h ** 2)                       # (B, H)
            grads = {"W1": xb.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dy, "b2": dy.sum(axis=0)}
            # the schedule: this update's learning rate
            lr = learning_rate * 0.5 * (1 + math.cos(math.pi * min(t, decay_steps) / decay_steps))
            # Adam
            t += 1
            for k, g in grads.items():
                m[k] = beta_1 * m[k] + (1 - beta_1) * g
                v[k] = beta_2 * v[k] + (1 - beta_2) * g * g
                m_hat = m[k] / (1 - beta_1 ** t)
                v_hat = v[k] / (1 - beta_2 ** t)
                params[k] -= lr * m_hat / (np.sqrt(v_hat) + epsilon)
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "cosine_adam")(by_hand)
