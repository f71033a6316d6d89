"""The deep narrow ReLU network by hand with two guards against large steps: an L2 penalty on every kernel
and the gradients clipped by their global norm before each update; SGD with momentum
(``conformance/study.py``, example ``deep_narrow_disc_clip_l2``; the network of ``relu_mlp.py``, sigmoid
output).

Objective, per batch (the loss every way reports):
    J = binary cross-entropy(p, y) + λ·Σᵢ ‖Wᵢ‖²              kernels only: no penalty on the biases
Gradients of J: backpropagation as in ``relu_mlp.py``, plus the penalty's 2λ·Wᵢ on each kernel. Then all of
them are scaled by one factor (Pascanu et al., 2013):
    ‖g‖ = √(Σ_θ Σ g_θ²)        g ← g · min(1, c/(‖g‖ + ε))
ε = 0 here and in Keras (``global_clipnorm``); torch's ``clip_grad_norm_`` adds ε = 1e-6 to the norm: each
way is checked against the reference told its framework's ε (``Example.conventions``). Then SGD with momentum
in PyTorch's form, v ← μ·v + g (v = g at the first step), θ ← θ − η·v.

Every way takes x (N, F), y (N, 1); params {"W1" (F, H₁), "b1", …, "WL" (H_{L−1}, 1), "bL"}, W as (in, out);
learning_rate, momentum, l2 (λ), max_norm (c); orders and batch_size, and returns {"losses": each epoch's
mean batch objective J, "weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, learning_rate, momentum, l2, max_norm, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    depth = len(params) // 2
    velocity = {}
    losses = []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            yb = y[batch]
            # forward, keeping every layer's input a[i - 1] and pre-activation z[i]
            a, z = {0: x[batch]}, {}
            for i in range(1, depth + 1):
                z[i] = a[i - 1] @ params[f"W{i}"] + params[f"b{i}"]     # (B, width_i)
                a[i] = np.maximum(z[i], 0)
            p = 1 / (1 + np.exp(-z[depth]))                            # (B, 1)
            penalty = l2 * sum(np.sum(params[f"W{i}"] ** 2) for i in range(1, depth + 1))
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p)) + penalty
            # backward, from the top down; the penalty's gradient on each kernel
            grads = {}
            dz = (p - yb) / len(batch)                                 # (B, 1)
            for i in range(depth, 0, -1):
                grads[f"W{i}"] = a[i - 1].T @ dz + 2 * l2 * params[f"W{i}"]
                grads[f"b{i}"] = dz.sum(axis=0)
                if i > 1:
                    dz = (dz @ params[f"W{i}"].T) * (z[i - 1] > 0)    # (B, width_{i-1})
            # clip by the global norm: one factor for every gradient
            norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
            scale = min(1.0, max_norm / norm)
            # SGD with momentum
            for k, g in grads.items():
                g = g * scale
                velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                params[k] -= learning_rate * velocity[k]
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "clipped_mlp")(by_hand)
