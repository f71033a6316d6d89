"""Rounding-error allowances of products and reductions, per component (``conformance/tolerances.py``).

A function here takes the case's arrays and returns ``{check: bound}``, each bound an array of the
checked value's shape: how far two correct implementations in ``dtype`` may lie apart whatever order
they sum in. Components whose outputs are elementwise need none.
"""
from __future__ import annotations

import numpy as np

from conformance.tolerances import UNIT_ROUNDOFF, gamma, rounding_bound


def dense(x: np.ndarray, params: dict, dy: np.ndarray, dtype: str) -> dict[str, np.ndarray]:
    """y = xW + b, dx = dy Wᵀ, dW = xᵀ dy and db = Σ dy over the flattened leading axes."""
    x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, dy.shape[-1])     # (M, in), (M, out)
    W = params["W"]
    out = {"forward": rounding_bound(x, W, dtype),                        # (..., out)
           "grad_input": rounding_bound(dy, W.T, dtype),                  # (..., in)
           "grad_param:W": rounding_bound(x2.T, dy2, dtype)}              # (in, out)
    if "b" in params:
        out["grad_param:b"] = 2 * gamma(len(dy2), dtype) * np.abs(dy2).astype(np.float64).sum(axis=0)
    return out


BOUNDS = {("layer", "dense"): dense}


def for_module(family: str, name: str, x, params, dy, dtype: str, ref=None) -> dict[str, np.ndarray]:
    if (family, name) in MODULE_BOUNDS:
        return MODULE_BOUNDS[(family, name)](ref, x, params, dy, dtype)
    fn = BOUNDS.get((family, name))
    return {} if fn is None else fn(x, params, dy, dtype)


# --- normalization: reductions over the M values normalized together ---------------------------------------
#
# Every quantity is a reduction of M terms followed by a few elementwise operations. A computation that is
# stable in the usual sense returns the exact result for inputs each perturbed by at most η = γ_{M+8}
# relative (the 8: the elementwise operations around the sums), so its error is at most η·Σᵢ|∂f/∂xᵢ|·|xᵢ|,
# the function's componentwise condition number; two such implementations lie within twice that. Writing
# the sums with |x| rather than |x − μ| covers both forms the frameworks use: (x − μ)·inv (the reference,
# torch) and x·inv + (β − μ·inv) (tf.nn.batch_normalization, keras.ops.layer_normalization, whose autodiff
# also forms Σ dy·x − μ·Σ dy), which cancel differently when |μ| ≫ σ. Sensitivities (means over the M values
# normalized together, ĝ = γ·dy):
#   ∂x̂ⱼ/∂xᵢ = inv·(δᵢⱼ − 1/M − x̂ᵢx̂ⱼ/M), so Σᵢ|∂x̂ⱼ/∂xᵢ||xᵢ| ≤ inv·(|xⱼ| + mean|x| + |x̂ⱼ|·mean|x̂·x|) =: Sⱼ
#   ∂log inv/∂xᵢ = −x̂ᵢ·inv/M, so Σᵢ|·||xᵢ| = inv·mean|x̂·x|
#   dxⱼ = inv·(ĝⱼ − mean ĝ − x̂ⱼ·mean(ĝ·x̂)): through dy inv·(|ĝⱼ| + mean|ĝ| + |x̂ⱼ|·mean|x̂·ĝ|), through x
#   |dxⱼ|·inv·mean|x̂·x| + inv·(Sⱼ·|mean(ĝ·x̂)| + |x̂ⱼ|·mean(|ĝ|·S))
# Batch normalization's running statistics carry the previous step's allowance, times the kept fraction.

def _normalized(x, dy, axes, g, b, epsilon):
    """The allowances (before the factor 2η) of a normalization over ``axes`` with |γ| = g, |β| = b
    (broadcastable to x): forward and grad_input like x, and the per-element terms of dγ and dβ."""
    x, dy = x.astype(np.float64), dy.astype(np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    inv = 1 / np.sqrt(((x - mean) ** 2).mean(axis=axes, keepdims=True) + epsilon)
    x_hat = (x - mean) * inv
    ax, ah, gdy = np.abs(x), np.abs(x_hat), g * dy
    mean_hx = (ah * ax).mean(axis=axes, keepdims=True)
    s = inv * (ax + ax.mean(axis=axes, keepdims=True) + ah * mean_hx)             # Sⱼ
    m2 = (gdy * x_hat).mean(axis=axes, keepdims=True)
    dx = inv * (gdy - gdy.mean(axis=axes, keepdims=True) - x_hat * m2)
    agd = np.abs(gdy)
    return {
        "forward": g * s + g * ah + b,
        "grad_input": (inv * (agd + agd.mean(axis=axes, keepdims=True) + ah * (ah * agd).mean(axis=axes, keepdims=True))
                       + np.abs(dx) * inv * mean_hx
                       + inv * (s * np.abs(m2) + ah * (agd * s).mean(axis=axes, keepdims=True))),
        "grad_param:gamma": np.abs(dy) * (ah + s),
        "grad_param:beta": np.abs(dy),
    }


def layer_norm(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """Normalized over the last k axes (M = their size); dγ and dβ sum over the leading axes."""
    k = len(ref.normalized_shape)
    axes, lead = tuple(range(x.ndim - k, x.ndim)), tuple(range(x.ndim - k))
    g = np.abs(params["gamma"]).astype(np.float64) if ref.scale else 1.0
    b = np.abs(params["beta"]).astype(np.float64) if ref.center else 0.0
    terms = _normalized(x, dy, axes, g, b, ref.epsilon)
    n = max(int(np.prod(ref.normalized_shape)), x.size // int(np.prod(ref.normalized_shape)))
    eta2 = 2 * gamma(n + 8, dtype)
    out = {"forward": eta2 * terms["forward"], "grad_input": eta2 * terms["grad_input"]}
    for name in params:
        out[f"grad_param:{name}"] = eta2 * terms[f"grad_param:{name}"].sum(axis=lead)
    return out


def batch_norm(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """One training-mode step (batch statistics over every axis but the features): a model's layer, as the
    first-divergence localization probes it. ``batch_norm_steps`` adds the running statistics."""
    axes = tuple(range(x.ndim - 1))
    g = np.abs(params["gamma"]).astype(np.float64) if ref.scale else 1.0
    b = np.abs(params["beta"]).astype(np.float64) if ref.center else 0.0
    terms = _normalized(x, dy, axes, g, b, ref.epsilon)
    eta2 = 2 * gamma(x.size // x.shape[-1] + 8, dtype)
    out = {"forward": eta2 * terms["forward"], "grad_input": eta2 * terms["grad_input"]}
    for name in params:
        out[f"grad_param:{name}"] = eta2 * terms[f"grad_param:{name}"].sum(axis=axes)
    return out


def batch_norm_steps(ref, xs, params, dys, x_eval, dtype: str) -> dict[str, np.ndarray]:
    """Bounds of every per-step check of ``_stateful_check`` (stacked over the steps) and of eval_forward."""
    m_values = xs[0].size // xs[0].shape[-1]
    eta2 = 2 * gamma(m_values + 8, dtype)
    axes = tuple(range(xs[0].ndim - 1))
    g = np.abs(params["gamma"]).astype(np.float64) if ref.scale else 1.0
    b = np.abs(params["beta"]).astype(np.float64) if ref.center else 0.0
    state = {k: v.astype(np.float64) for k, v in ref.init_state(xs[0].shape[-1], np.float64).items()}
    slack = {"running_mean": 0.0, "running_var": 0.0}       # the running statistics' allowance so far
    unbiased = m_values / (m_values - 1) if ref.unbiased_running_var else 1.0
    out: dict[str, list] = {}
    for t, (x, dy) in enumerate(zip(xs, dys), 1):
        step = batch_norm(ref, x, params, dy, dtype)                 # this step's forward and gradients
        x = x.astype(np.float64)
        mean, ax = x.mean(axis=axes), np.abs(x)
        var = ((x - mean) ** 2).mean(axis=axes)
        keep, take = (1 - 1 / t, 1 / t) if ref.momentum is None else (ref.momentum, 1 - ref.momentum)
        batch = {"running_mean": (mean, ax.mean(axis=axes)),                  # (value, Σ|∂/∂xᵢ||xᵢ| + itself)
                 "running_var": (var * unbiased, unbiased * (var + 2 * (np.abs(x - mean) * ax).mean(axis=axes)))}
        for name, (value, sensitivity) in batch.items():
            slack[name] = keep * slack[name] + eta2 * (keep * np.abs(state[name]) + take * sensitivity)
            state[name] = keep * state[name] + take * value
            step[f"state:{name}"] = slack[name]
        for name, value in step.items():
            out.setdefault(name, []).append(value)
    # evaluation, y = γ·(x − running_mean)·inv_r + β with the final state: elementwise (x·inv_r and
    # running_mean·inv_r cancel in TF's form), plus the state's allowance carried through
    x = x_eval.astype(np.float64)
    inv_r = 1 / np.sqrt(state["running_var"] + ref.epsilon)
    ah = np.abs((x - state["running_mean"]) * inv_r)
    elementwise = 2 * gamma(8, dtype) * (g * inv_r * (np.abs(x) + np.abs(state["running_mean"])) + g * ah + b)
    carried = g * inv_r * slack["running_mean"] + g * ah * 0.5 * inv_r ** 2 * slack["running_var"]
    result = {name: np.stack(v) for name, v in out.items()}
    result["eval_forward"] = elementwise + carried
    return result


# these also take the reference module
MODULE_BOUNDS = {("layer", "layer_norm"): layer_norm, ("layer", "batch_norm"): batch_norm,
                 ("layer", "batch_norm_2d"): batch_norm}


# --- convolution: a Dense on patches (im2col, reference/layers/convolution.py) ------------------------------------
# y_g = cols_g @ W_g sums K·Cg terms and dW_g = cols_gᵀ dy_g sums N·Π O terms: ``rounding_bound`` on the im2col
# matrix. dx sums at most K·Fg products dy·W (each tap and filter of a group reaches an input pixel at most once),
# in whatever order (dy @ Wᵀ then col2im, or one correlation): 2·γ_{K·Fg}·(|dy| ⊛ |W|), computed by the reference's
# own input_grad on absolute values. The transposed convolution swaps the two roles.

def _conv_abs(ref, x, params, dy):
    from reference.layers import convolution as conv
    return conv, np.abs(x).astype(np.float64), np.abs(params["W"]).astype(np.float64), np.abs(dy).astype(np.float64)


def convolution(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """conv1d, conv2d."""
    conv, x, W, dy = _conv_abs(ref, x, params, dy)
    groups, kernel = ref.groups, ref.kernel_size
    padding = ref._pads(x.shape[1:-1])
    xp = conv.pad(x, padding)
    cols = conv.im2col(xp, kernel, ref.strides, ref.dilation, groups)                      # (G, M, K·Cg)
    dyg = dy.reshape(-1, groups, dy.shape[-1] // groups).transpose(1, 0, 2)                 # (G, M, Fg)
    fwd = rounding_bound(cols, conv.grouped(W, groups), dtype)                              # (G, M, Fg)
    dW = rounding_bound(cols.transpose(0, 2, 1), dyg, dtype)                                # (G, K·Cg, Fg)
    dx = conv.crop(conv.input_grad(dy, W, xp.shape[1:-1], ref.strides, ref.dilation, groups), padding)
    out = {"forward": fwd.transpose(1, 0, 2).reshape(dy.shape),
           "grad_input": 2 * gamma(int(np.prod(kernel)) * dyg.shape[-1], dtype) * dx,
           "grad_param:W": dW.transpose(1, 0, 2).reshape(W.shape)}
    if "b" in params:
        out["grad_param:b"] = 2 * gamma(len(dyg[0]), dtype) * dy.reshape(-1, dy.shape[-1]).sum(axis=0)
    return out


def convolution_transpose(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """conv2d_transpose: the forward pass is conv2d's input gradient (at most K·C_in terms per output), the input
    gradient conv2d's forward pass on the padded dy (K·F terms), dW its kernel gradient (N·H·W terms)."""
    conv, x, W, dy = _conv_abs(ref, x, params, dy)
    spatial, kernel_t, ones = x.shape[1:-1], np.swapaxes(W, -1, -2), (1,) * ref.rank
    crops = ref._crops(spatial)
    fwd = conv.crop(conv.input_grad(x, kernel_t, ref._full(spatial), ref.strides, ones, 1), crops)
    cols = conv.im2col(conv.pad(dy, crops), ref.kernel_size, ref.strides, ones, 1)          # (1, N·H·W, K·F)
    dx = rounding_bound(cols, conv.grouped(kernel_t, 1), dtype)[0]                         # (N·H·W, C)
    dW = rounding_bound(cols[0].T, x.reshape(-1, x.shape[-1]), dtype)                      # (K·F, C)
    out = {"forward": 2 * gamma(int(np.prod(ref.kernel_size)) * x.shape[-1], dtype) * fwd,
           "grad_input": dx.reshape(x.shape),
           "grad_param:W": np.swapaxes(dW.reshape(kernel_t.shape), -1, -2)}
    if "b" in params:
        out["grad_param:b"] = 2 * gamma(dy.size // dy.shape[-1], dtype) * dy.reshape(-1, dy.shape[-1]).sum(axis=0)
    return out


MODULE_BOUNDS.update({("layer", "conv1d"): convolution, ("layer", "conv2d"): convolution,
                      ("layer", "conv2d_transpose"): convolution_transpose})


STEP_BOUNDS = {("layer", "batch_norm"): batch_norm_steps, ("layer", "batch_norm_2d"): batch_norm_steps}


def for_module_steps(family: str, name: str, ref, xs, params, dys, x_eval, dtype: str) -> dict[str, np.ndarray]:
    """A stateful module's bounds: each per-step check's stacked over the steps (axis 0), and eval_forward's."""
    fn = STEP_BOUNDS.get((family, name))
    return {} if fn is None else fn(ref, xs, params, dys, x_eval, dtype)


# --- pooling and embedding (reference/layers/pooling.py, embedding.py) ------------------------------------
#
# Average pooling is a sum of K = k₁·k₂ window cells and a division (torch's composed "same" form: two averages
# and a quotient): within γ_{K+3}·(Σ|x|)/D of the exact value, i.e. the reference's own forward of |x| times
# γ. Each input-gradient cell sums dy/D over the windows covering it, at most M = Π⌈kᵢ/sᵢ⌉: γ_{M+2}·backward
# of |dy|. Max pooling's forward is exact; its input gradient is a sum over the M overlapping windows too.
# Global average pooling: a sum of the positions. An embedding's dW row sums dy over the lookups of that row.

def _overlap(ref) -> int:
    return int(np.prod([-(-k // s) for k, s in zip(ref.pool_size, ref.strides)]))


def _abs64(a):
    return np.abs(a).astype(np.float64)


def average_pool(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    y_abs, cache = ref.forward(_abs64(x), {})
    return {"forward": 2 * gamma(int(np.prod(ref.pool_size)) + 3, dtype) * y_abs,
            "grad_input": 2 * gamma(_overlap(ref) + 2, dtype) * ref.backward(_abs64(dy), cache)[0]}


def max_pool(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    _, cache = ref.forward(x.astype(np.float64), {})             # the same routing as in dtype
    return {"grad_input": 2 * gamma(_overlap(ref), dtype) * ref.backward(_abs64(dy), cache)[0]}


def global_average_pool(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    m = x.size // (x.shape[0] * x.shape[-1])
    return {"forward": 2 * gamma(m + 2, dtype) * _abs64(x).mean(axis=tuple(range(1, x.ndim - 1)))}


def embedding(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    rows = np.bincount(x.reshape(-1), minlength=ref.num_embeddings)              # lookups per row
    total = np.zeros((ref.num_embeddings, ref.embedding_dim))
    np.add.at(total, x.reshape(-1), _abs64(dy).reshape(-1, ref.embedding_dim))   # Σ|dy| per row
    return {"grad_param:W": 2 * gamma(max(int(rows.max()), 1), dtype) * total}


MODULE_BOUNDS.update({
    ("layer", "average_pool1d"): average_pool, ("layer", "average_pool2d"): average_pool,
    ("layer", "max_pool1d"): max_pool, ("layer", "max_pool2d"): max_pool,
    ("layer", "global_average_pool1d"): global_average_pool, ("layer", "global_average_pool2d"): global_average_pool,
    ("layer", "embedding"): embedding,
})


# --- recurrent layers: the step's Dense-like products carried through time (conformance/recurrent_bounds.py) -------
def _recurrent(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    from conformance.recurrent_bounds import recurrent
    return recurrent(ref, x, params, dy, dtype)


MODULE_BOUNDS.update({("layer", "simple_rnn"): _recurrent, ("layer", "lstm"): _recurrent, ("layer", "gru"): _recurrent})


# --- sigmoid's derivative from its output --------------------------------------------------------------------
def sigmoid_from_output(ref, x, params, dy, dtype: str) -> dict[str, np.ndarray]:
    """With ``grad_from_output`` (torch, TensorFlow), dx = dy·y(1 − y) inherits the rounding of the output y:
    two correct implementations may round y an ulp apart each way (|Δy| ≤ 2u, y ≤ 1), and ∂[y(1 − y)]/∂y =
    1 − 2y, so |Δdx| ≤ |dy|·|1 − 2y|·2u, plus the rounding of the two products (2·2u·|dx|). Near saturation
    that is most of dx (1 − y is a few ulps): the output's rounding is all the derivative has left."""
    if not getattr(ref, "grad_from_output", False):
        return {}
    u = UNIT_ROUNDOFF[str(np.dtype(dtype))]
    from reference.activations.sigmoid import sigmoid
    y = sigmoid(x.astype(np.float64))
    ady = np.abs(dy.astype(np.float64))
    return {"grad_input": ady * np.abs(1 - 2 * y) * 2 * u + 4 * u * ady * y * (1 - y)}


MODULE_BOUNDS[("activation", "sigmoid")] = sigmoid_from_output
