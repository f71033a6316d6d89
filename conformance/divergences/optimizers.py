"""Divergences of optimizers (see the package docstring for the fields).

Three kinds, each measured by the harness on the cases named in ``cases``:
* formulations a framework cannot change (``formulation``): the record names the option only; the
  value is the framework builder's ``fixed`` (written once, there). Its ``reference_map`` marks the
  option ``FIXED``, and the trajectory checker sets it to the built object's ``fixed`` value for the
  mapped run; the native run (the harness skips this map) keeps the reference's default;
* default hyperparameters (``native`` = the framework's defaults; one record per optimizer:
  default against default);
* Keras's float32 rounding of Python-float hyperparameters (``variant="python_floats"``),
  float64 runs only: in float32 runs the builders pass plain floats anyway, so the native run
  would be the mapped one.
"""
from __future__ import annotations

from conformance.divergences import Divergence

KERAS_OPT = "keras/src/optimizers/"
TORCH_OPT = "torch/optim/"


class _FrameworkFixed:
    """The value of a reference option that the framework fixes: read from the builder's ``fixed``."""

    def __repr__(self):
        return "<the framework's fixed value>"


FIXED = _FrameworkFixed()


def formulation(component, framework, what, framework_value, reference_value, option, cases, source,
                dtypes=("float32", "float64")):
    """A formulation the framework cannot change, mapped by setting the reference's ``option`` to the
    framework builder's ``fixed[option]`` (resolved by the trajectory checker)."""
    return Divergence(component=component, framework=framework, what=what, framework_value=framework_value,
                      reference_value=reference_value,
                      mapping=f"reference {option} = the {framework} builder's fixed {option}",
                      reference_map=lambda kw: {**kw, option: FIXED}, cases=cases, source=source, dtypes=dtypes)


def decoupled(component: str) -> Divergence:
    return formulation(component, "keras", "Keras weight_decay is decoupled for every optimizer",
                       "p ← p − η·λ·p before the update", "coupled (L2: g ← g + λ·p) by default",
                       "weight_decay_mode", ("weight_decay",),
                       KERAS_OPT + "base_optimizer.py (_apply_weight_decay), keras/src/backend/tensorflow/optimizer.py:89")


def python_floats(component: str, cases: tuple[str, ...] = ("default",)) -> Divergence:
    return Divergence(
        component=component, framework="keras",
        what="Python-float hyperparameters are rounded through float32",
        framework_value="ops.cast(<python float>, float64) = float32 value (e.g. 0.9 -> 0.8999999761581421)",
        reference_value="exact float64 hyperparameters",
        mapping="the builder passes np.float64(...) in float64 runs (tf_impl/optimizers/base.py exact)",
        variant="python_floats", cases=cases, dtypes=("float64",),
        source=KERAS_OPT + f"{component}.py (ops.cast(self.<hyperparameter>, variable.dtype))")


def defaults(component, framework, framework_value, reference_value, native, source, cases=("default",)):
    return Divergence(component=component, framework=framework, what=f"{framework} default hyperparameters differ",
                      framework_value=framework_value, reference_value=reference_value,
                      mapping="the builder passes every hyperparameter explicitly", native=native,
                      cases=cases, source=source)


EPS = "ε placement"


def in_dtype_bias_correction(component: str, cases: tuple[str, ...], source: str) -> Divergence:
    return formulation(component, "keras", "bias correction 1 − βᵗ formed in the variable's dtype",
                       "ops.power(ops.cast(β, dtype), t): in float32 1 − f32(0.999) = 9.99987e-4, 1.3e-5 relative "
                       "below 1e-3", "bias_correction='exact' (Python floats, as torch.optim)", "bias_correction",
                       cases, source, dtypes=("float32",))  # in float64 the two are the same numbers

DIVERGENCES: list[Divergence] = [
    # --- sgd ---------------------------------------------------------------------------------------
    defaults("sgd", "torch", "lr=1e-3", "learning_rate=0.01", {"learning_rate": 1e-3}, TORCH_OPT + "sgd.py:32"),
    formulation("sgd", "keras", "momentum buffer holds η-scaled steps (and Keras has no dampening)",
                "v = μv − η·g, p ← p + v; dampening mapped as learning_rate·(1 − d)",
                "momentum_form='gradient': v₁ = g₁ (undamped), v = μv + (1 − d)g, p ← p − η·v",
                "momentum_form", ("momentum", "momentum_schedule", "dampening"), KERAS_OPT + "sgd.py:99-121"),
    decoupled("sgd"), python_floats("sgd", ("momentum",)),
    # --- adagrad -------------------------------------------------------------------------------------
    defaults("adagrad", "keras", "learning_rate=1e-3, initial_accumulator_value=0.1, epsilon=1e-7",
             "learning_rate=0.01, initial_accumulator_value=0, epsilon=1e-10",
             {"learning_rate": 1e-3, "initial_accumulator_value": 0.1, "epsilon": 1e-7}, KERAS_OPT + "adagrad.py:39"),
    formulation("adagrad", "keras", EPS, "p ← p − η·g/√(s + ε)", "epsilon_placement='outside_sqrt': √s + ε",
                "epsilon_placement", ("default", "tiny"), KERAS_OPT + "adagrad.py:78-87"),
    decoupled("adagrad"), python_floats("adagrad", ("accumulator",)),
    # --- rmsprop -------------------------------------------------------------------------------------
    defaults("rmsprop", "keras", "learning_rate=1e-3, rho=0.9, epsilon=1e-7",
             "learning_rate=0.01, rho=0.99 (torch alpha), epsilon=1e-8",
             {"learning_rate": 1e-3, "rho": 0.9, "epsilon": 1e-7}, KERAS_OPT + "rmsprop.py:52"),
    formulation("rmsprop", "keras", EPS, "den = √(v − ḡ² + ε)", "epsilon_placement='outside_sqrt': √(v − ḡ²) + ε",
                "epsilon_placement", ("default", "tiny", "centered"), KERAS_OPT + "rmsprop.py:140-146"),
    formulation("rmsprop", "keras", "momentum buffer holds η-scaled steps", "b = μb + η·g/den, p ← p − b",
                "momentum_form='gradient': b = μb + g/den, p ← p − η·b", "momentum_form",
                ("momentum_schedule",), KERAS_OPT + "rmsprop.py:147-153"),
    decoupled("rmsprop"),      # no python_floats record: RMSprop uses ρ, μ, ε raw (measured 2.2e-16)
    # --- adadelta ------------------------------------------------------------------------------------
    defaults("adadelta", "torch", "rho=0.9", "rho=0.95 (Zeiler 2012)", {"rho": 0.9}, TORCH_OPT + "adadelta.py:31"),
    defaults("adadelta", "keras", "learning_rate=1e-3, epsilon=1e-7", "learning_rate=1.0, epsilon=1e-6 (Zeiler 2012)",
             {"learning_rate": 1e-3, "epsilon": 1e-7}, KERAS_OPT + "adadelta.py:50"),
    decoupled("adadelta"),
    # --- adam ----------------------------------------------------------------------------------------
    # ε only matters against √v: invisible in float32 with ordinary gradients, so the tiny case too.
    defaults("adam", "keras", "epsilon=1e-7", "epsilon=1e-8 (Kingma & Ba)", {"epsilon": 1e-7}, KERAS_OPT + "adam.py:45",
             cases=("default", "tiny")),
    formulation("adam", "keras", EPS + " (the paper's ε̂ form)", "p ← p − η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε)",
                "epsilon_placement='after_correction': p ← p − η/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + ε)",
                "epsilon_placement", ("default", "tiny", "amsgrad"), KERAS_OPT + "adam.py:117-131"),
    decoupled("adam"), python_floats("adam"),
    in_dtype_bias_correction("adam", ("rosenbrock", "mlp"), KERAS_OPT + "adam.py:104-110"),
    # --- adamw ---------------------------------------------------------------------------------------
    defaults("adamw", "keras", "weight_decay=0.004, epsilon=1e-7", "weight_decay=0.01, epsilon=1e-8",
             {"weight_decay": 0.004, "epsilon": 1e-7}, KERAS_OPT + "adamw.py:54"),
    formulation("adamw", "keras", EPS + " (the paper's ε̂ form)", "p ← p − η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε)",
                "epsilon_placement='after_correction'", "epsilon_placement", ("default", "tiny"),
                KERAS_OPT + "adam.py:117-131"),
    python_floats("adamw"), in_dtype_bias_correction("adamw", ("mlp",), KERAS_OPT + "adam.py:104-110"),
    # --- adamax --------------------------------------------------------------------------------------
    defaults("adamax", "keras", "learning_rate=1e-3, epsilon=1e-7", "learning_rate=2e-3 (Kingma & Ba), epsilon=1e-8",
             {"learning_rate": 1e-3, "epsilon": 1e-7}, KERAS_OPT + "adamax.py:50"),
    formulation("adamax", "keras", EPS, "u = max(β₂u, |g|), p ← p − η·m/((1−β₁ᵗ)(u + ε))",
                "epsilon_placement='in_max': u = max(β₂u, |g| + ε)", "epsilon_placement",
                ("default", "tiny"), KERAS_OPT + "adamax.py:119-133"),
    decoupled("adamax"), python_floats("adamax"),
    # --- nadam ---------------------------------------------------------------------------------------
    defaults("nadam", "keras", "learning_rate=1e-3, epsilon=1e-7", "learning_rate=2e-3, epsilon=1e-8",
             {"learning_rate": 1e-3, "epsilon": 1e-7}, KERAS_OPT + "nadam.py:46"),
    formulation("nadam", "keras", "momentum schedule ψ hard-coded", "μ_t = β₁(1 − ½·0.96^t): ψ = 1, no argument",
                "momentum_decay ψ = 4e-3 (torch's default): μ_t = β₁(1 − ½·0.96^(tψ))", "momentum_decay",
                ("default", "tiny"), KERAS_OPT + "nadam.py:98-118"),
    decoupled("nadam"), python_floats("nadam"),
    formulation("nadam", "keras", "the step's μ_t rounds 0.96 through float32, Π_t does not",
                "μ̃_t = β₁(1 − ½·f32(0.96)^t) in the step (nadam.py:109), Π_t from 0.96 (nadam.py:99)",
                "mu_base = 0.96: the step and Π_t use the same μ_t", "mu_base", ("default", "rosenbrock"),
                KERAS_OPT + "nadam.py:95-118", dtypes=("float64",)),  # float32: 0.96 is the run's precision
    formulation("nadam", "keras", "β₁, β₂ rounded to the variable's dtype before 1 − β and 1 − β₂ᵗ",
                "in float32 1 − f32(0.999) = 9.99987e-4: v and its bias correction 1.3e-5 relative low",
                "beta_rounding='exact' (Python floats, as torch.optim.NAdam)", "beta_rounding", ("default", "rosenbrock"),
                KERAS_OPT + "nadam.py:110-124", dtypes=("float32",)),  # float64: the same numbers
]
