"""Divergences of losses (see the package docstring for the fields).

Three kinds of record, most of them generated for every Keras loss:
* reduction names: Keras calls the reference's 'mean' 'sum_over_batch_size';
* Keras's last-axis mean for elementwise losses (tf_impl/losses/per_element.py);
* clipping: each framework's own epsilon for cross-entropies on probabilities.
"""
from conformance.divergences import Divergence

KERAS_LOSS = "keras/src/losses/losses.py"
KERAS_REDUCE = "keras/src/losses/loss.py (reduce_values)"
KERAS_NN = "keras/src/backend/tensorflow/nn.py"

# Elementwise losses whose Keras builder goes through PerElement, with the Keras function.
ELEMENTWISE = {"mse": "mean_squared_error", "half_sse": "mean_squared_error", "mae": "mean_absolute_error",
               "huber": "huber", "bce": "binary_crossentropy", "bce_with_logits": "binary_crossentropy"}
PER_SAMPLE = ("categorical_crossentropy", "softmax_crossentropy", "sparse_softmax_crossentropy", "nll")
# The case whose reduction is "mean" (half_sse defaults to "sum").
MEAN_CASE = {"half_sse": "mean"}


def _reduction_name(component: str) -> Divergence:
    return Divergence(
        component=component, framework="keras",
        what="Keras names the reference's 'mean' 'sum_over_batch_size' (its default)",
        framework_value="'sum_over_batch_size' (default), 'sum', 'none'; 'mean' is accepted as an alias",
        reference_value="'mean', 'sum', 'none'",
        mapping="'mean' -> 'sum_over_batch_size' (tf_impl/losses/per_element.py REDUCTION)",
        native={"reduction_alias": True},
        cases=(MEAN_CASE.get(component, "default"),),
        source=KERAS_REDUCE,
    )


def _last_axis_mean(component: str) -> Divergence:
    # "default" plus the descs of the two other reductions (conformance/cases/losses.py).
    cases = ("default", "mean", "none") if component == "half_sse" else ("default", "sum", "none")
    return Divergence(
        component=component, framework="keras",
        what="Keras averages over the last axis before reducing",
        framework_value="'sum' = Σ_n mean_c (C× smaller); 'none' has shape (N,)",
        reference_value="'sum' over all N·C elements; 'none' has shape (N, C)",
        mapping="call the Keras loss on (N·C, 1) views (tf_impl/losses/per_element.py)",
        native={"per_element": False},
        cases=cases,
        source=f"{KERAS_LOSS} ({ELEMENTWISE[component]}), {KERAS_REDUCE}",
    )


def _keras_epsilon(component: str, where: str) -> Divergence:
    return Divergence(
        component=component, framework="keras",
        what="Keras clips p to [ε, 1 − ε] with ε = keras.config.epsilon() = 1e-7",
        framework_value="p clipped to [1e-7, 1 − 1e-7] (a global, no argument)",
        reference_value="p clipped to [eps, 1 − eps], eps = 0 by default (plain logs)",
        mapping="set keras.config.epsilon() to the reference's eps for the call (tf_impl/losses/epsilon.py)",
        native={"global_epsilon": True},
        cases=("edges",),
        source=f"{KERAS_NN}:{where}, keras/src/backend/config.py:82 (epsilon)",
    )


DIVERGENCES: list[Divergence] = [
    *[_reduction_name(c) for c in (*ELEMENTWISE, *PER_SAMPLE)],
    *[_last_axis_mean(c) for c in ELEMENTWISE],
    _keras_epsilon("bce", "1484 (binary_crossentropy)"),
    _keras_epsilon("categorical_crossentropy", "1375 (categorical_crossentropy, after renormalising)"),
    Divergence(
        component="categorical_crossentropy", framework="keras",
        what="Keras renormalises p / Σ_c p_c before the log",
        framework_value="−Σ y log(p/Σp): on the simplex the same value, gradient −y/p + Σy/Σp",
        reference_value="−Σ y log p, gradient −y/p (renormalize=False)",
        mapping="reference renormalize=True (Keras has no switch to turn it off)",
        reference_map=lambda kw: {**kw, "renormalize": True},
        cases=("default", "none", "edges"),
        source=f"{KERAS_NN}:1372 (categorical_crossentropy)",
    ),
    Divergence(
        component="softmax_crossentropy", framework="keras",
        what="TF's fused softmax cross-entropy gradient is softmax(z) − y, exact only when Σ_c y_c = 1",
        framework_value="dℓ/dz = softmax(z) − y (value −Σ y log softmax(z) is right)",
        reference_value="dℓ/dz = softmax(z)·Σ_c y_c − y, the derivative of the value (as torch autograd)",
        mapping="none: Keras exposes no other gradient",
        irreducible=True,
        cases=("unnormalized_targets",),
        source="keras/src/backend/tensorflow/nn.py (categorical_crossentropy -> "
               "tf.nn.softmax_cross_entropy_with_logits, whose registered gradient is the fused kernel's backprop)",
    ),
    Divergence(
        component="bce", framework="torch",
        what="torch BCELoss has no clipping option: it clamps each log at −100, and p(1 − p) at 1e-12 "
             "in its backward",
        framework_value="ℓ = −[y max(log p, −100) + (1−y) max(log(1−p), −100)]; "
                        "dℓ/dp = (p − y) / max(p(1 − p), 1e-12)",
        reference_value="p clipped to [eps, 1 − eps]; gradient −y/p̃ + (1−y)/(1−p̃), 0 where clipped",
        mapping="torch.clamp(p, eps, 1 − eps) before BCELoss (torch_impl/losses/bce.py)",
        native={"clip": False},
        cases=("extreme",),
        source="torch/nn/modules/loss.py:669 (BCELoss docstring: log clamped to >= -100); "
               "the backward's EPSILON = 1e-12 is in aten/src/ATen/native/Loss.cpp, compiled into torch/lib",
    ),
]
