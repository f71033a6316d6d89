"""Divergences of metrics (see the package docstring for the fields).

* Keras converts binary accuracy's Python-float threshold through float32 (float64 runs);
* the torch tutorials' ``.float()`` makes an accuracy float32 in a float64 run (the composed metrics'
  ``float_cast`` variant);
* TensorFlow's ArgMax skips NaN scores (irreducible).

Not divergences, checked by the cases: the comparison is strictly greater everywhere
(``threshold_ties``, ``logit_ties``); every argmax takes the first index of a tied maximum (``ties``:
numpy.argmax, torch.argmax by its docs, Eigen's ArgMaxPairReducer by its code); Keras's and the torch
loop's streamed means weigh batches by their number of samples (``ragged_batches``).
"""
from conformance.divergences import Divergence

KERAS_ACCURACY = "keras/src/metrics/accuracy_metrics.py"
EIGEN_ARGMAX = "tensorflow/include/unsupported/Eigen/CXX11/src/Tensor/TensorFunctors.h:321 (ArgMaxPairReducer)"


def _float_cast(component: str, spelling: str, case: str) -> Divergence:
    return Divergence(
        component=component, framework="torch", family="metric",
        what="the tutorials' .float() makes the accuracy float32",
        framework_value=f"{spelling}: a float32 mean whatever the inputs' dtype (k/N rounded to float32)",
        reference_value="the accuracy in the inputs' dtype",
        mapping=".to(y_pred.dtype) instead of .float() (torch_impl/metrics/" + component + ".py)",
        variant="float_cast",
        cases=(case,),            # an accuracy k/N that is no float32 number
        dtypes=("float64",),      # in a float32 run .float() changes nothing
        source="torch.Tensor.float (self.to(torch.float32))",
    )


DIVERGENCES: list[Divergence] = [
    Divergence(
        component="binary_accuracy", framework="keras", family="metric",
        what="Keras converts a Python-float threshold through a float32 tensor",
        framework_value="f32(threshold), also in float64 (0.7 -> 0.699999988079071)",
        reference_value="threshold in y_pred's dtype (exact in float64)",
        mapping="the builder passes np.float64(threshold) under floatx float64 (tf_impl/metrics/binary_accuracy.py)",
        variant="python_float",
        cases=("inexact_threshold",),
        dtypes=("float64",),      # in float32 the reference rounds the threshold to float32 too
        source=f"{KERAS_ACCURACY}:66 (binary_accuracy: ops.convert_to_tensor(threshold))",
    ),
    _float_cast("binary_accuracy", "((y_pred > t).float() == y_true).float().mean()", "default"),
    _float_cast("accuracy", "(y_pred.argmax(1) == y_true.argmax(1)).float().mean()", "ragged_batches"),
    Divergence(
        component="accuracy", framework="keras", family="metric",
        what="TensorFlow's ArgMax skips NaN scores",
        framework_value="the argmax of the non-NaN scores, in index order (a row of NaN or −inf: class 0)",
        reference_value="NaN is the largest score: the first NaN's class (numpy.argmax, torch.argmax)",
        mapping="no mapping exists (CategoricalAccuracy calls ops.argmax; NaN never compares greater in "
                "Eigen's reducer)",
        irreducible=True,
        checks=("value", "streamed"),
        cases=("nan_scores",),
        source=f"{KERAS_ACCURACY}:148 (categorical_accuracy: ops.argmax), {EIGEN_ARGMAX}",
    ),
]
