"""Divergences of the pooling layers (see the package docstring for the fields).

Measured effects (max |Δ| of the native run against the reference, float64) are in the report of
``rosetta check --only '*pool*'`` (torch 2.13.0 / Keras 3.15 / TF 2.21, CPU). Both frameworks route a window's
max-pool gradient to the first maximum in row-major window order, as the reference (``tests/test_pooling.py``
pins it on a window where row- and column-major order differ): no record. Global max pooling is where they part.
"""
from conformance.divergences import Divergence

TORCH_POOL = "torch/nn/modules/pooling.py"
KERAS_GMP = "keras/src/layers/pooling/global_max_pooling2d.py"


def _count_include_pad(component: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what="torch's average pooling counts padded cells (count_include_pad=True by default)",
        framework_value=f"count_include_pad=True: a border window's sum is divided by the whole window size, as if "
                        f"the padded cells held zeros ({effect})",
        reference_value="divisor='input_cells': the mean of the window's input cells (Keras's 'same' average "
                        "pooling); divisor='window_size' is torch's default",
        mapping="the builder passes count_include_pad = (divisor == 'window_size'); native: count_include_pad "
                "left at True", variant="default_count_include_pad", cases=("same",),
        source=TORCH_POOL + " (AvgPool1d/AvgPool2d: count_include_pad: bool = True)")


def _symmetric(component: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what="torch pools pad symmetrically (padding=k//2); Keras's 'same' puts an odd total's extra cell at the end",
        framework_value=f"MaxPool2d/AvgPool2d(k, s, padding=k // 2), what a torch user writes for 'same': 1 cell "
                        f"before and 1 after where SAME pads 0 before and 1 after (3×3 windows at stride 2 on 8×6): "
                        f"the same output shape, every window shifted by one cell ({effect})",
        reference_value="padding='same': ⌊t/2⌋ cells before, the rest after (TensorFlow's SAME)",
        mapping="the builder pads explicitly (F.pad, then the pool without padding) where the total is odd "
                "(torch_impl/layers/pooling.py SamePadded); native: padding=k // 2",
        variant="symmetric_padding", cases=("same_even",),
        source=TORCH_POOL + " (padding: implicit padding on both sides)")


def _split(component: str, framework: str, effect: str) -> Divergence:
    keras = framework == "keras"
    return Divergence(
        component=component, framework=framework,
        what=("Keras GlobalMaxPooling splits a tied maximum's gradient among the ties" if keras else
              "torch's amax (the other global-max idiom) splits a tied maximum's gradient among the ties"),
        framework_value=(f"{'GlobalMaxPooling2D' if '2d' in component else 'GlobalMaxPooling1D'} is ops.max: "
                         f"TensorFlow's reduce_max gradient gives dy/m to each of m tied maxima ({effect})" if keras
                         else f"x.amax(dim=spatial) gives dy/m to each of m tied maxima; AdaptiveMaxPool gives all of "
                              f"it to the first ({effect})"),
        reference_value="ties='first': all of dy to the first maximum in row-major order (torch AdaptiveMaxPool, a "
                        "windowed max pool); ties='split' is the other option",
        mapping=("ties='first' is composed: ops.max_pool with the whole input as its window "
                 "(tf_impl/layers/pooling.py FirstMaxGlobalPooling); native: the Keras layer" if keras else
                 "the builder uses AdaptiveMaxPool for ties='first' and amax for ties='split'; native: amax"),
        variant="global_max_pooling" if keras else "amax", cases=("ties",),
        source=(KERAS_GMP + " (call: ops.max); tensorflow/python/ops/math_grad.py (_MinOrMaxGrad)") if keras
        else "tools/autograd/derivatives.yaml (amax: scale_grad_by_count, the gradient split evenly among the maxima)")


DIVERGENCES: list[Divergence] = [
    _count_include_pad("average_pool2d", "outputs 0.97 and input gradients 0.33 off on 5×7, 3×3 windows at stride 2"),
    _count_include_pad("average_pool1d", "outputs 0.51 and input gradients 0.25 off on L = 7, window 3 at stride 2"),
    _symmetric("max_pool2d", "outputs 2.8 and input gradients 2.8 off"),
    _symmetric("average_pool2d", "outputs 1.1 and input gradients 0.78 off"),
    _split("global_max_pool2d", "keras", "input gradient 1.7 off on ties"),
    _split("global_max_pool1d", "keras", "input gradient 1.1 off on ties"),
    _split("global_max_pool2d", "torch", "input gradient 1.7 off on ties"),
    _split("global_max_pool1d", "torch", "input gradient 1.1 off on ties"),
]
