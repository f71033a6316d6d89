"""Divergences of losses (see the package docstring for the fields).

* Keras's last-axis mean, one record per elementwise loss (tf_impl/losses/per_element.py);
* clipping: each framework's own epsilon for cross-entropies on probabilities;
* single records: Keras's renormalisation (categorical and sparse categorical cross-entropy),
  TF's fused softmax cross-entropy gradient, torch's BCE.
Keras's name for the reference's "mean", "sum_over_batch_size", is no divergence: Keras treats
"mean" identically (keras/src/losses/loss.py:149); tf_impl/losses/per_element.py maps the name.
"""
import reference
from conformance.divergences import Divergence, default
from reference.conventions import REDUCTIONS

KERAS_LOSS = "keras/src/losses/losses.py"
KERAS_REDUCE = "keras/src/losses/loss.py (reduce_values)"
KERAS_NN = "keras/src/backend/tensorflow/nn.py"

# Elementwise losses (the reference's own flag); their Keras builders go through PerElement.
ELEMENTWISE = tuple(n for n in reference.all_names("loss") if reference.get("loss", n).elementwise)


def _last_axis_mean(component: str) -> Divergence:
    # Every reduction case of the component (conformance/cases/losses.py, ``reductions``):
    # "default" and the descs of the two other reductions.
    others = tuple(r for r in REDUCTIONS if r != default("loss", component, "reduction"))
    return Divergence(
        component=component, framework="keras",
        what="Keras averages over the last axis before reducing",
        framework_value="'sum' = Σ_n mean_c (C× smaller); 'none' has shape (N,)",
        reference_value="'sum' over all N·C elements; 'none' has shape (N, C)",
        mapping="call the Keras loss on (N·C, 1) views (tf_impl/losses/per_element.py)",
        variant="last_axis_mean",
        cases=("default", *others),
        source=f"{KERAS_LOSS} (mean_squared_error, mean_absolute_error, huber, binary_crossentropy: "
               f"ops.mean(..., axis=-1)), {KERAS_REDUCE}",
    )


def _keras_epsilon(component: str, where: str) -> Divergence:
    return Divergence(
        component=component, framework="keras",
        what="Keras clips p to [ε, 1 − ε] with ε = keras.config.epsilon() = 1e-7",
        framework_value="p clipped to [1e-7, 1 − 1e-7] (a global, no argument)",
        reference_value="p clipped to [eps, 1 − eps], eps = 0 by default (plain logs)",
        mapping="set keras.config.epsilon() to the reference's eps for the call (tf_impl/losses/epsilon.py)",
        variant="global_epsilon",
        cases=("edges",),
        source=f"{KERAS_NN}:{where}, keras/src/backend/config.py:82 (epsilon)",
    )


DIVERGENCES: list[Divergence] = [
    *[_last_axis_mean(c) for c in ELEMENTWISE],
    _keras_epsilon("bce", "1484 (binary_crossentropy)"),
    _keras_epsilon("categorical_crossentropy", "1375 (categorical_crossentropy, after renormalising)"),
    _keras_epsilon("sparse_categorical_crossentropy", "1433 (sparse_categorical_crossentropy, before renormalising)"),
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
        component="sparse_categorical_crossentropy", framework="keras",
        what="Keras renormalises the clipped p̃ / Σ_c p̃_c (sparse softmax cross-entropy on log p̃)",
        framework_value="−log(p̃_k/Σp̃): on the simplex the same value; gradient −1/p̃_k at the label "
                        "and 1/Σp̃ at every class",
        reference_value="−log p̃_k, gradient −1/p̃_k at the label only (renormalize=False)",
        mapping="reference renormalize=True (Keras has no switch to turn it off)",
        reference_map=lambda kw: {**kw, "renormalize": True},
        cases=("default", "none", "unnormalized"),
        source=f"{KERAS_NN}:1436 (sparse_categorical_crossentropy: tf.math.log, then "
               "tf.nn.sparse_softmax_cross_entropy_with_logits)",
    ),
    Divergence(
        component="softmax_crossentropy", framework="keras",
        what="TF's fused softmax cross-entropy gradient is softmax(z) − y, exact only when Σ_c y_c = 1",
        framework_value="dℓ/dz = softmax(z) − y (value −Σ y log softmax(z) is right)",
        reference_value="dℓ/dz = softmax(z)·Σ_c y_c − y, the derivative of the value (as torch autograd)",
        mapping="none: Keras exposes no other gradient",
        irreducible=True,
        cases=("unnormalized_targets",),
        checks=("grad_input",),
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
        variant="log_clamp",
        cases=("extreme",),
        source="torch/nn/modules/loss.py:669 (BCELoss docstring: log clamped to >= -100); "
               "the backward's EPSILON = 1e-12 is in aten/src/ATen/native/Loss.cpp, compiled into torch/lib",
    ),
]
