"""Divergences of the dropout family (see the package docstring for the fields).

Every difference below is measured by ``rosetta check --only 'dropout,spatial_dropout*,alpha_dropout'``
on torch 2.13.0 / Keras 3.15.1 / TF 2.21 (CPU). What agrees, and so has no record: the formulas
(inverted scaling 1/(1 − p); alpha dropout's a, b and the dropped unit's value −a·α'·(1 − p), with
torch's literal α' = 1.7580993408473766 equal to Keras's alpha·scale in float64), the identity in
evaluation, and Keras's ``noise_shape`` default (None: one draw per element, as torch). Keras's
``rate`` and ``stddev`` are required, as the reference's ``p`` and ``stddev``; torch's modules
default to p = 0.5 (the first four records).
"""
from conformance.divergences import Divergence


def _default_p(component: str, module: str, keras_layer: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what="default drop probability",
        framework_value=f"torch.nn.{module}() has p=0.5: at the case with p = 0 half the units are dropped (the noise "
                        f"check fails); {effect}",
        reference_value=f"p is required, as keras.layers.{keras_layer}'s rate (no default)",
        mapping="the builder passes p explicitly",
        variant="default_p",
        cases=("zero_train", "large_train"),
        source=f"torch/nn/modules/dropout.py:22 (_DropoutNd.__init__(p=0.5)); class {module}",
    )


def _channels_first(component: str, module: str, shape: str, axis: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what=f"torch.nn.{module} takes channels first, {shape}",
        framework_value=f"the reference's channels-last input fed as is: torch draws one mask entry per "
                        f"(sample, {axis}), shared over the channels: the noise check reports masks split within "
                        "channels, and the reference, applying each channel's first-position draw everywhere, "
                        f"differs in the output and the gradient ({effect})",
        reference_value="channels last (N, ..., C), one draw per (sample, channel) shared over the spatial axes, "
                        "as Keras",
        mapping="Built(input_layout='channels_first'): the runner moves the channel axis to 1 and back",
        variant="channels_last_input",
        cases=("default", "large_train"),
        source=f"torch/nn/functional.py (dropout1d/dropout2d -> _VF.feature_dropout: noise of shape (N, C, 1, ...)); "
               f"class {module}",
    )


DIVERGENCES: list[Divergence] = [
    _default_p("dropout", "Dropout", "Dropout",
               "at p = 0.9 the kept units are scaled by 2 instead of 10 (max |Δ| 22)"),
    _default_p("spatial_dropout1d", "Dropout1d", "SpatialDropout1D",
               "at p = 0.8 the kept channels are scaled by 2 instead of 5 (max |Δ| 7.4)"),
    _default_p("spatial_dropout2d", "Dropout2d", "SpatialDropout2D",
               "at p = 0.8 the kept channels are scaled by 2 instead of 5 (max |Δ| 10)"),
    _default_p("alpha_dropout", "AlphaDropout", "AlphaDropout",
               "at p = 0.9 a kept unit is a·x + b with p = 0.5's a = 0.886, b = 0.779 instead of a = 1.626, b = 2.573 "
               "(max |Δ| 3.3)"),
    _channels_first("spatial_dropout1d", "Dropout1d", "(N, C, L)", "step", "max |Δ| 11"),
    _channels_first("spatial_dropout2d", "Dropout2d", "(N, C, H, W)", "row", "max |Δ| 18"),
    Divergence(
        component="dropout", framework="keras",
        what="Keras dropout at rate = 1 returns tf.zeros_like(x), disconnected from x",
        framework_value="y = 0 as expected, but GradientTape.gradient(y, x) is None (no gradient flows), not 0",
        reference_value="y = x · 0 and dx = dy · 0 = 0, as torch (x multiplied by a zero tensor)",
        mapping="none in the layer: the runner asks the tape for the input gradient as a Keras user does "
                "(tape.gradient(..., unconnected_gradients=ZERO) would give 0); None is not an array",
        irreducible=True,
        cases=("all_dropped",),
        checks=("grad_input",),
        source="keras/src/backend/tensorflow/random.py:86 (dropout: if rate == 1.0: return tf.zeros_like(inputs)); "
               "the same path serves SpatialDropout1D/2D",
    ),
]
