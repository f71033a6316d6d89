"""A deep narrow ReLU network with batch normalization by hand: (dense without bias, batch norm, ReLU)
repeated, then dense and sigmoid; binary cross-entropy; SGD with momentum (``conformance/study.py``,
example ``deep_narrow_disc_batch_norm``).

Layer i < L, on a batch of B samples (statistics over the batch, the biased variance):
    zᵢ = aᵢ₋₁·Wᵢ                      no bias: the normalization subtracts the mean, and any bias with it
    ẑᵢ = (zᵢ − mean(zᵢ)) / √(var(zᵢ) + ε)
    uᵢ = γᵢ ⊙ ẑᵢ + βᵢ                 aᵢ = max(0, uᵢ)                                     (B, width)
Output: p = σ(a_{L−1}·W_L + b_L), binary cross-entropy.
Backward through the normalization (every sample's ẑ depends on the whole batch):
    ∂L/∂γᵢ = Σ_rows ∂L/∂uᵢ ⊙ ẑᵢ,   ∂L/∂βᵢ = Σ_rows ∂L/∂uᵢ,   g = ∂L/∂uᵢ ⊙ γᵢ
    ∂L/∂zᵢ = (g − mean(g) − ẑᵢ ⊙ mean(g ⊙ ẑᵢ)) / √(var(zᵢ) + ε)
SGD with momentum, PyTorch's form: v ← g at the first step, then v ← μ·v + g;  θ ← θ − η·v.
Running statistics (what evaluation uses) do not change training; the catalog's batch_norm cases compare
them (``rosetta show batch_norm``).

Every way takes x (N, F), y (N, 1); params {"W1", "gamma1", "beta1", …, "W{L-1}", "gamma{L-1}", "beta{L-1}",
"W{L}", "b{L}"}, W as (in, out); epsilon; learning_rate, momentum; orders and batch_size, and returns
{"losses": each epoch's mean batch loss, "weights": the trained params}.
"""
import numpy as np

from reference.registry import register


def by_hand(x, y, params, *, epsilon, learning_rate, momentum, orders, batch_size):
    params = {k: v.copy() for k, v in params.items()}
    depth = sum(k.startswith("W") for k in params)                 # L dense layers, L − 1 normalized
    velocity, losses = {}, []
    for order in orders:
        total = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            a, yb, cache = x[batch], y[batch], {}
            # forward
            for i in range(1, depth):
                z = a @ params[f"W{i}"]                             # (B, width)
                var = z.var(axis=0)                                # over the batch, biased
                z_hat = (z - z.mean(axis=0)) / np.sqrt(var + epsilon)
                u = params[f"gamma{i}"] * z_hat + params[f"beta{i}"]
                cache[i] = (a, z_hat, var, u)
                a = np.maximum(u, 0)
            p = 1 / (1 + np.exp(-(a @ params[f"W{depth}"] + params[f"b{depth}"])))     # (B, 1)
            loss = -np.mean(yb * np.log(p) + (1 - yb) * np.log(1 - p))
            # backward
            dz = (p - yb) / len(batch)
            grads = {f"W{depth}": a.T @ dz, f"b{depth}": dz.sum(axis=0)}
            da = dz @ params[f"W{depth}"].T
            for i in range(depth - 1, 0, -1):
                a_in, z_hat, var, u = cache[i]
                du = da * (u > 0)                                  # through the ReLU
                grads[f"gamma{i}"], grads[f"beta{i}"] = (du * z_hat).sum(axis=0), du.sum(axis=0)
                g = du * params[f"gamma{i}"]
                dz = (g - g.mean(axis=0) - z_hat * (g * z_hat).mean(axis=0)) / np.sqrt(var + epsilon)
                grads[f"W{i}"] = a_in.T @ dz
                da = dz @ params[f"W{i}"].T
            # SGD with momentum
            for k, g in grads.items():
                velocity[k] = g if k not in velocity else momentum * velocity[k] + g
                params[k] -= learning_rate * velocity[k]
            total += float(loss) * len(batch)
        losses.append(total / len(order))
    return {"losses": losses, "weights": params}


# The harness finds the way here (conformance/study.py names them).
register("example", "batch_norm_mlp")(by_hand)
