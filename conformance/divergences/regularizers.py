"""Divergences of regularizers, the max-norm constraint and early stopping (see the package
docstring for the fields)."""
from conformance.divergences import Divergence, f32

_REGS = "keras/src/regularizers/regularizers.py"
KERAS_EPSILON = 1e-7        # keras.config.epsilon() default (keras/src/backend/config.py)
TORCH_RENORM_EPSILON = 1e-7  # hard-coded in torch.renorm (torch/_refs/__init__.py, renorm)


def _f32_factors(*names):
    """Reference kwargs with the named factors (default 0.01 in the reference) rounded to float32."""
    def mapped(kw: dict) -> dict:
        return {**kw, **{n: f32(kw.get(n, 0.01)) for n in names}}
    return mapped


DIVERGENCES: list[Divergence] = [
    *[Divergence(
        component=name, framework="keras",
        what="Keras rounds the penalty factors through float32",
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
        mapping="pass l1 and l2", native={"native": True}, source=f"{_REGS} (L1L2.__init__)",
    ),
    Divergence(
        component="max_norm", framework="keras",
        what="Keras MaxNorm divides every unit by n + 1e-7 (units inside the ball shrink too)",
        framework_value=f"w·clip(n, 0, max)/(n + {KERAS_EPSILON:g}) on every unit",
        reference_value="w·min(1, max/n)",
        mapping=f"reference epsilon={KERAS_EPSILON:g}, rescale='all'",
        reference_map=lambda kw: {**kw, "epsilon": KERAS_EPSILON, "rescale": "all"},
        cases=("default", "axis1", "zero_column", "conv"),
        source="keras/src/constraints/constraints.py (MaxNorm.__call__)",
    ),
    Divergence(
        component="max_norm", framework="torch",
        what="torch.renorm divides by norm + 1e-7",
        framework_value=f"w·max/(n + {TORCH_RENORM_EPSILON:g}) where n > max",
        reference_value="w·min(1, max/n)",
        mapping=f"reference epsilon={TORCH_RENORM_EPSILON:g}, rescale='over_max'",
        reference_map=lambda kw: {**kw, "epsilon": TORCH_RENORM_EPSILON, "rescale": "over_max"},
        cases=("default", "axis1", "zero_column", "conv"),
        source="torch/_refs/__init__.py (renorm)",
    ),
    Divergence(
        component="early_stopping", framework="keras",
        what="EarlyStopping compares in float32",
        framework_value="f32(v + min_delta) < f32(best), whatever floatx",
        reference_value="best − v > min_delta in float64",
        mapping="reference float32_comparison=True",
        reference_map=lambda kw: {**kw, "float32_comparison": True},
        cases=("plateau",),
        source="keras/src/callbacks/monitor_callback.py (_is_improvement)",
    ),
]
