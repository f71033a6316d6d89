"""Divergences of regularizers, the max-norm constraint and early stopping (see the package
docstring for the fields).

Formulations a framework fixes (max-norm's ε and rescale form, Keras's float32 early-stopping
decision) go through ``formulation`` (conformance/divergences/optimizers.py): the record names the
option, the value is the framework builder's ``fixed`` (written once, there), and the checker's
``formulation`` verdict says what the reference was compared with.
"""
from conformance.divergences import Divergence, f32
from conformance.divergences.optimizers import formulation

_REGS = "keras/src/regularizers/regularizers.py"
_MAX_NORM = "keras/src/constraints/constraints.py (MaxNorm.__call__)"
_MAX_NORM_CASES = ("default", "axis1", "zero_column", "conv")


def _f32_factors(*names):
    """Reference kwargs with the named factors (default 0.01 in the reference) rounded to float32."""
    def mapped(kw: dict) -> dict:
        return {**kw, **{n: f32(kw.get(n, 0.01)) for n in names}}
    return mapped


DIVERGENCES: list[Divergence] = [
    *[Divergence(
        component=name, framework="keras",
        what="Keras rounds the penalty factors through float32",
        dtypes=("float64",),  # float32 round-off hides it (tests/test_honesty.py)
        framework_value="λ rounded to float32 (0.01 -> 0.0099999998)",
        reference_value="λ",
        mapping="reference factors rounded to float32 (ops.cast of a Python float goes through a float32 tensor; "
                "np.float64(λ) does not help: validate_float_arg calls float())",
        reference_map=_f32_factors(*factors), cases=cases, source=f"{_REGS} ({cls}.__call__)",
    ) for name, cls, factors, cases in (("l1", "L1", ("l1",), ("default", "large")),
                                        ("l2", "L2", ("l2",), ("default", "large")),
                                        ("l1_l2", "L1L2", ("l1", "l2"), ("default", "l1_only")))],
    Divergence(
        component="l1_l2", framework="keras",
        what="L1L2 class defaults", framework_value="L1L2() = (l1=0, l2=0): no penalty",
        reference_value="l1 = l2 = 0.01 (Keras's string 'l1_l2' uses these)",
        mapping="pass l1 and l2", variant="keras_default", source=f"{_REGS} (L1L2.__init__)",
    ),
    formulation("max_norm", "keras", "Keras MaxNorm divides by n + ε, ε = keras.config.epsilon()",
                "w·clip(n, 0, max)/(n + ε)", "epsilon=0: w·min(1, max/n)", "epsilon", _MAX_NORM_CASES,
                f"{_MAX_NORM} (backend.epsilon())"),
    formulation("max_norm", "keras", "Keras MaxNorm rescales every unit (units inside the ball shrink by n/(n + ε))",
                "w·clip(n, 0, max)/(n + ε) on every unit", "rescale='over_max': only units with n > max",
                "rescale", _MAX_NORM_CASES, _MAX_NORM),
    formulation("max_norm", "torch", "torch.renorm divides by n + ε (ε fixed)", "w·max/(n + ε) where n > max",
                "epsilon=0: w·min(1, max/n)", "epsilon", _MAX_NORM_CASES, "torch/_refs/__init__.py (renorm)"),
    formulation("early_stopping", "keras", "EarlyStopping compares in float32",
                "f32(v + min_delta) < f32(best), whatever floatx", "best − v > min_delta in float64",
                "float32_comparison", ("plateau",), "keras/src/callbacks/monitor_callback.py (_is_improvement)"),
]
