"""Divergences of the convolution layers (see the package docstring for the fields).

The reference's "same" is TensorFlow's (``reference.conventions`` block "Convolution"): the odd pixel of padding at
the end, for any stride. Keras has it natively; torch's padding="same" is the same at stride 1 and refused at larger
strides, where the torch builder composes it. Measured effects (max |Δ| of the native run, float64) from
``rosetta check --only 'conv*'`` on torch 2.13.0 / Keras 3.15 / TF 2.21 (CPU).
"""
from conformance.divergences import Divergence

TORCH_CONV = "torch/nn/modules/conv.py"
KERAS_CONV_T = "keras/src/layers/convolutional/base_conv_transpose.py"


def _symmetric_same(component: str, case: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what="torch has no padding='same' for strided convolutions; the hand port pads symmetrically",
        framework_value="padding='same' raises for stride > 1; the usual port padding=(k − 1)·d // 2 pads both sides "
                        f"equally, where SAME pads (0, 1) for an even input at stride 2 (one-pixel shift: {effect})",
        reference_value="TensorFlow's SAME: total max((⌈n/s⌉ − 1)·s + (k − 1)·d + 1 − n, 0), total // 2 before",
        mapping="the builder composes F.pad sized from the input (TFSamePad, as timm's Conv2dSame) then padding=0 "
                "(torch_impl/layers/convolution.py); native: padding=(k − 1)·d // 2",
        variant="symmetric_same", cases=(case,),
        source=TORCH_CONV + " (_ConvNd.__init__: \"padding='same' is not supported for strided convolutions\")",
    )


DIVERGENCES: list[Divergence] = [
    _symmetric_same("conv2d", "same_stride2", "outputs 3.0 off, dx 2.7, dW 16.7"),
    _symmetric_same("conv1d", "same_stride2", "outputs 3.5 off, dx 2.8, dW 11.4"),
    Divergence(
        component="conv2d_transpose", framework="torch",
        what="torch's transposed padding crops both sides equally and output_padding extends the end",
        framework_value="no 'same'; the usual port padding=(k − 1)//2, output_padding=s − k + 2·((k − 1)//2) (k = 3, "
                        "s = 2: 1 and 1) crops the odd pixel at the start (one-pixel shift: outputs 6.2 off, dx 8.3, "
                        "dW 19.5)",
        reference_value="TensorFlow's conv2d_transpose SAME: output H·s, crop max(k − s, 0) with the odd pixel at the end",
        mapping="the builder crops the extra row/column at the end after ConvTranspose2d (CropEnd) where k − s is odd "
                "(torch_impl/layers/conv2d_transpose.py); native: the symmetric port",
        variant="symmetric_crop", cases=("stride2_same",),
        source=TORCH_CONV + " (ConvTranspose2d docstring: padding adds dilation·(k − 1) − padding on both sides; "
                            "output_padding to one side)",
    ),
    Divergence(
        component="conv2d_transpose", framework="keras",
        what="Keras's default output_padding=None infers a longer valid output when kernel < stride",
        framework_value="output_padding=None: output H·s + max(k − s, 0), (s − k) extra rows/columns of bias alone "
                        "at the end when k < s (k = 2, s = 3: (12, 15) for (11, 14))",
        reference_value="(H − 1)·s + k − 2p + output_padding, output_padding=0 (torch's, the adjoint of conv2d)",
        mapping="the builder passes output_padding explicitly for 'valid' (tf_impl/layers/conv2d_transpose.py); "
                "native: Keras's default",
        variant="default_output_padding", cases=("kernel_lt_stride",),
        source=KERAS_CONV_T + " (compute_output_shape / deconv_output_length: length·stride + max(kernel − stride, 0))",
    ),
]
