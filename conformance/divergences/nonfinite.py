"""Divergences at non-finite inputs (the cases are conformance/cases/nonfinite.py and the zero
probabilities of conformance/cases/losses.py; see the package docstring for the fields).

The reference's convention (reference/activations/nonfinite.py): at ±inf the true limit where
one exists, NaN where none does; NaN propagates to the output and the gradient. No framework
argument changes how its kernels treat NaN and inf, so every record is irreducible; ``checks``
names what differs (the other checks of the case are compared as usual). Three kinds:

* a finite gradient at a NaN input: a mask or a branch (x > 0, x ≤ max) picks a slope or 0 for
  NaN, since every comparison with NaN is false;
* NaN at ±inf where the limit exists: an ∞·0 or ∞ − ∞ inside the formula (x·Φ(x) at −inf,
  exp(x − max) at a +inf max, 0·log 0);
* a different value at NaN itself (step, sign).

Sources of compiled kernels are named by their source file in the framework's repository.
"""
from conformance.divergences import Divergence

NAN_GRAD = "the gradient at a NaN input is finite"
NAN_GRAD_REF = "NaN: the slope at an undefined point is undefined (NaN propagates)"
NO_MAPPING = "none: no argument changes how the kernel treats NaN and ±inf"
TORCH_ACT = "aten/src/ATen/native/cpu/Activation.cpp"
TF_RELU = "tensorflow/core/kernels/relu_op_functor.h"
TF_MAXIMUM_GRAD = ("tensorflow/python/ops/clip_ops.py:52 (clip_by_value = maximum(minimum(x, max), min)), "
                   "tensorflow/python/ops/math_grad.py:1586 (Maximum's gradient goes to x where x >= min: "
                   "false for NaN)")


def _nan_grad(component: str, framework: str, gives: str, source: str) -> Divergence:
    return Divergence(component=component, framework=framework, what=NAN_GRAD, framework_value=gives,
                      reference_value=NAN_GRAD_REF, mapping=NO_MAPPING, irreducible=True, cases=("nonfinite_nan",),
                      checks=("grad_input",), source=source)


def _no_limit(component: str, framework: str, what: str, gives: str, limit: str, source: str,
              cases=("nonfinite_inf",), checks=(), dtypes=("float32", "float64")) -> Divergence:
    return Divergence(component=component, framework=framework, what=what, framework_value=gives,
                      reference_value=limit, mapping=NO_MAPPING, irreducible=True, cases=cases, checks=checks,
                      source=source, dtypes=dtypes)


GELU_LIMIT = "the limits: y(−inf) = 0, y(+inf) = inf; slope 0 at −inf, 1 at +inf"
SOFTMAX_LIMIT = ("the one-hot limit for a row with one +inf (log-softmax 0 there, −inf elsewhere; "
                 "gradient 0 for softmax, dy − Σdy·onehot for log-softmax); NaN for tied +inf")
CE_LIMIT = ("the limits with one +inf logit: 0 (gradient 0) at the label, inf (gradient 1 there, −1 at the "
            "label) elsewhere; a −inf logit with target 0 counts 0")

DIVERGENCES: list[Divergence] = [
    # --- a finite gradient at NaN ----------------------------------------------------------
    _nan_grad("relu", "torch", "dy (threshold_backward: x ≤ 0 ? 0 : dy, false for NaN)",
              f"{TORCH_ACT} (threshold_backward), compiled into torch"),
    _nan_grad("relu", "keras", "0 (ReluGrad: dy·[x > 0])", f"{TF_RELU} (ReluGrad), compiled into tensorflow"),
    _nan_grad("leaky_relu", "torch", "negative_slope·dy (the x ≤ 0 branch: x > 0 is false)",
              f"{TORCH_ACT} (leaky_relu_backward), compiled into torch"),
    _nan_grad("leaky_relu", "keras", "negative_slope·dy (LeakyReluGrad: x > 0 ? dy : α·dy)",
              f"{TF_RELU} (LeakyReluGrad), compiled into tensorflow"),
    _nan_grad("elu", "torch", "dy (elu_backward: x ≤ 0 is false, so the x > 0 branch)",
              f"{TORCH_ACT} (elu_backward), compiled into torch"),
    _nan_grad("elu", "keras", "dy (EluGrad on the output: y < 0 is false)",
              f"{TF_RELU} (EluGrad), compiled into tensorflow"),
    _nan_grad("selu", "torch", "λ·dy (elu_backward with SELU's scale: the x > 0 branch)",
              f"{TORCH_ACT} (elu_backward), compiled into torch"),
    _nan_grad("selu", "keras", "λ·dy (SeluGrad on the output: y < 0 is false)",
              f"{TF_RELU} (SeluGrad), compiled into tensorflow"),
    _nan_grad("rrelu", "torch", "slope·dy (F.rrelu in eval is leaky_relu with the mean slope)",
              f"torch/nn/functional.py (rrelu), {TORCH_ACT} (leaky_relu_backward)"),
    _nan_grad("rrelu", "keras", "slope·dy (the composition's keras.ops.where(x > 0, x, slope·x): false for NaN)",
              "tf_impl/activations/rrelu.py (keras.ops.where), tensorflow/python/ops/array_grad.py (SelectV2)"),
    _nan_grad("hard_tanh", "torch", "dy (hardtanh_backward: x ≤ min or x ≥ max, both false for NaN)",
              f"{TORCH_ACT} (hardtanh_backward), compiled into torch"),
    _nan_grad("hard_tanh", "keras", "0 (tf.clip_by_value's Maximum gradient)", TF_MAXIMUM_GRAD),
    _nan_grad("hard_sigmoid", "torch", "0 (hardsigmoid_backward: −3 < x < 3 is false)",
              f"{TORCH_ACT} (hardsigmoid_backward_kernel), compiled into torch"),
    _nan_grad("hard_sigmoid", "keras", "0 (Relu6Grad: 0 < x + 3 < 6 is false)",
              f"keras/src/backend/tensorflow/nn.py:108 (hard_sigmoid = relu6(x + 3) / 6), {TF_RELU} (Relu6Grad)"),
    _nan_grad("abs", "torch", "0 (abs_backward: dy·sgn(x), and torch.sgn(NaN) = 0)",
              "tools/autograd/derivatives.yaml (abs: grad * self.sgn()), compiled into torch"),
    # --- NaN at NaN: other values ------------------------------------------------------------
    _no_limit("step", "torch", "torch.heaviside(NaN) is 0", "0 (x == 0 ? value : x > 0, both false)",
              "NaN (NaN propagates)", "aten/src/ATen/native/cpu/BinaryOpsKernel.cpp (heaviside_kernel), "
              "compiled into torch", cases=("nonfinite_nan",), checks=("forward",)),
    _no_limit("step", "keras", "keras.ops.heaviside(NaN) is value_at_zero",
              "value_at_zero (x < 0 and x > 0 both false)", "NaN (NaN propagates)",
              "keras/src/backend/tensorflow/numpy.py:172 (heaviside: where(x1 < 0, 0, where(x1 > 0, 1, x2)))",
              cases=("nonfinite_nan",), checks=("forward",)),
    _no_limit("sign", "torch", "torch.sign(NaN) is 0", "0", "NaN (NaN propagates)",
              "aten/src/ATen/native/cpu/UnaryOpsKernel.cpp (sign_kernel: (0 < x) − (x < 0)), compiled into torch",
              cases=("nonfinite_nan",), checks=("forward",)),
    _no_limit("softmax", "keras", "TF's float32 softmax keeps the other entries of a row with a NaN finite",
              "[NaN, 0, 0] for the row [NaN, 0, 1]", "NaN for the whole row (its normaliser is NaN)",
              "keras/src/backend/tensorflow/nn.py:162 (softmax -> tf.nn.softmax: the float32 CPU kernel, "
              "compiled into tensorflow)", cases=("nonfinite_nan",), checks=("forward",), dtypes=("float32",)),
    # --- NaN at ±inf where the limit exists ---------------------------------------------------
    *[_no_limit(c, fw, "NaN at ±inf where the limit exists: x·Φ(x) is −inf·0 at −inf, and the slope's x·φ(x) "
                "is ±inf·0", "NaN at −inf (forward and gradient) and for the gradient at +inf", GELU_LIMIT,
                "torch/nn/modules/activation.py (GELU)" if fw == "torch" else
                "keras/src/backend/tensorflow/nn.py:129 (gelu -> tf.nn.gelu: 0.5·x·erfc(−x/√2), autodiff)")
      for c in ("gelu",) for fw in ("torch", "keras")],
    *[_no_limit("silu", fw, "NaN at ±inf where the limit exists: x·σ(x) is −inf·0 at −inf, its slope ∞·0",
                "NaN at −inf (forward and gradient) and for the gradient at +inf", GELU_LIMIT,
                "torch/nn/modules/activation.py (SiLU)" if fw == "torch" else
                "keras/src/backend/tensorflow/nn.py:89 (silu -> tf.nn.silu), tensorflow/python/ops/nn_impl.py:434 "
                "(swish: x·sigmoid(x) and its custom gradient σ(x)(1 + x(1 − σ(x))))")
      for fw in ("torch", "keras")],
    *[_no_limit(c, fw, "NaN for a row with one +inf: exp(x − max) is exp(inf − inf)", "NaN for that row",
                SOFTMAX_LIMIT, f"torch/nn/modules/activation.py ({'Softmax' if c == 'softmax' else 'LogSoftmax'})"
                if fw == "torch" else "tensorflow/python/ops/nn_ops.py (softmax, log_softmax), compiled kernels")
      for c in ("softmax", "log_softmax") for fw in ("torch", "keras")],
    *[_no_limit("bce_with_logits", fw, "NaN at z = ±inf where the limit exists: the formula's z·y or z(1 − y) "
                "is ∞·0 for a hard target", gives, "0 where the target matches the infinity's side, inf elsewhere",
                src, checks=("forward",))
      for fw, gives, src in (
          ("torch", "NaN at z = −inf (y = 0, 1, 0.3) and at z = +inf, y = 1 (gradient right)",
           "aten/src/ATen/native/Loss.cpp (binary_cross_entropy_with_logits: (1 − y)·z + log(1 + e^−z) "
           "− ..., shifted by max(−z, 0)), compiled into torch"),
          ("keras", "NaN at z = −inf, y = 0 and at z = +inf (y = 0, 1, 0.3) (gradient right)",
           "tensorflow/python/ops/nn_impl.py (sigmoid_cross_entropy_with_logits: "
           "relu(z) − z·y + log1p(e^−|z|))"))],
    *[_no_limit(c, fw, "NaN for a row with one +inf logit, and where a −inf logit has target 0 (0·−inf)",
                "NaN for those rows (value and gradient)", CE_LIMIT,
                "torch/nn/modules/loss.py (CrossEntropyLoss: log_softmax then −Σ y·logp)" if fw == "torch" else
                "tensorflow/python/ops/nn_ops.py (softmax_cross_entropy_with_logits / sparse_..., fused kernels)")
      for c in ("softmax_crossentropy", "sparse_softmax_crossentropy") for fw in ("torch", "keras")],
    # --- losses: gradients at NaN and at ±inf --------------------------------------------------
    _no_limit("mae", "torch", "L1Loss's gradient is 0 where ŷ − y is NaN (torch.sgn(NaN) = 0)", "0",
              "NaN (sign of NaN)", "tools/autograd/derivatives.yaml (l1_loss via abs: grad * self.sgn())",
              cases=("nonfinite_inf", "nonfinite_nan"), checks=("grad_input",)),
    _no_limit("huber", "keras", "NaN gradient where |ŷ − y| = inf: ops.where's unselected ½e² branch "
              "contributes 0·∞", "NaN", "±δ·dy (the slope of the linear branch)",
              "keras/src/losses/losses.py (huber: ops.where(abs_error <= delta, 0.5·error², ...)), "
              "tensorflow/python/ops/array_grad.py (SelectV2 gradient)", checks=("grad_input",)),
    Divergence(
        component="categorical_crossentropy", framework="torch",
        what="autograd of the composition NLLLoss(log(clamp(p))): 0·(1/p) = NaN at p = 0, and clamp's backward "
             "is 0 at p = NaN",
        framework_value="gradient NaN in rows with a zero probability (renormalised: the whole row); 0 at a NaN "
                        "probability",
        reference_value="the limits ([−inf, 1, 1] for p = [0, 1, 0], y = [1, 0, 0], renormalised); NaN at a NaN "
                        "probability with a nonzero target",
        mapping=NO_MAPPING, irreducible=True, cases=("zeros", "nonfinite_nan"), checks=("grad_input",),
        source="torch_impl/losses/categorical_crossentropy.py; tools/autograd/derivatives.yaml (log: grad / self; "
               "clamp: where(min <= self <= max, grad, 0))"),
    Divergence(
        component="categorical_crossentropy", framework="keras",
        what="Keras multiplies y·log(p) without a zero-weight rule: 0·log 0 is NaN with eps = 0",
        framework_value="NaN (value and gradient) in every row with a zero probability",
        reference_value="a term with target 0 counts 0: inf and [−inf, 1, 1] for p = [0, 1, 0], y = [1, 0, 0]",
        mapping=NO_MAPPING + " (Keras's own ε = 1e-7 keeps log p finite)", irreducible=True, cases=("zeros",),
        source="keras/src/backend/tensorflow/nn.py:1377 (categorical_crossentropy: −sum(target·log(output)))"),
    Divergence(
        component="sparse_categorical_crossentropy", framework="torch",
        what="autograd of the composition NLLLoss(log(clamp(p))): 0·(1/p) = NaN at p = 0, and clamp's backward "
             "is 0 at p = NaN",
        framework_value="gradient NaN at every zero probability other than the label's; 0 at a NaN probability",
        reference_value="0 at a class other than the label (the value does not depend on it); NaN at a NaN "
                        "label probability",
        mapping=NO_MAPPING, irreducible=True, cases=("zeros", "nonfinite_nan"), checks=("grad_input",),
        source="torch_impl/losses/sparse_categorical_crossentropy.py; tools/autograd/derivatives.yaml "
               "(log: grad / self; clamp: where(min <= self <= max, grad, 0))"),
    Divergence(
        component="sparse_categorical_crossentropy", framework="keras",
        what="TF's autodiff of log(clip(p)): 0·(1/p) = NaN at p = 0 with eps = 0, and clip's gradient is 0 at "
             "p = NaN",
        framework_value="gradient NaN at every zero probability other than the label's; 0 at a NaN probability",
        reference_value="1/Σp̃ at a zero probability other than the label's (renormalised); NaN at a NaN "
                        "probability",
        mapping=NO_MAPPING + " (Keras's own ε = 1e-7 keeps 1/p̃ finite)", irreducible=True,
        cases=("zeros", "nonfinite_nan"),
        checks=("grad_input",),
        source=f"keras/src/backend/tensorflow/nn.py:1433 (clip_by_value, log); {TF_MAXIMUM_GRAD}"),
]
