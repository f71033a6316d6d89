"""Divergences of learning-rate schedules (see the package docstring for the fields)."""
from __future__ import annotations

from conformance.divergences import Divergence
from conformance.divergences.optimizers import formulation

KERAS = "keras/src/optimizers/schedules/learning_rate_schedule.py"
TORCH = "torch/optim/lr_scheduler.py"

# constant_lr is left out: a Python-float learning rate goes straight into Keras's float64 lr variable
# (measured 0 against np.float64).
NAMES = ("step_decay", "exponential_decay", "inverse_time_decay", "polynomial_decay",
         "piecewise_constant", "cosine_decay", "cosine_decay_restarts")


# In float32 runs the float32 schedule differs from the exact one by 4.5e-9 to 5.2e-9 on lr, under the
# float32 tolerance: no visible effect, so the record is float64 only, except cosine_decay_restarts, which
# restarts at another update in float32 too (lr |Δ| 0.05); tests/test_honesty.py checks both.
def python_floats(component: str) -> Divergence:
    return Divergence(
        component=component, framework="keras", what="Python-float arguments make the schedule compute in float32",
        framework_value="dtype of ops.convert_to_tensor(initial_learning_rate): float32 for a Python float",
        reference_value="float64 learning rates",
        mapping="the builder passes np.float64(...) (tf_impl/optimizers/base.py as_float64)",
        variant="python_floats", cases=("default",), source=KERAS + " (each __call__)",
        dtypes=("float32", "float64") if component == "cosine_decay_restarts" else ("float64",))


# The per-epoch cases (setup steps_per_epoch = 10): the framework's schedule built with the epoch counts
# as is and advancing per update (torch: stepped in the batch loop; Keras: epoch counts read as updates).
# Their native kwarg ``step_every_update`` is no builder argument: the trajectory checker pops it and runs
# the framework without the epoch length (conformance/checkers/trajectory.py RUN_SWITCHES).
# "keras_mapping": how the Keras builder expresses the epochs in updates (tf_impl/schedules/).
PER_EPOCH = {
    "step_decay": {"torch": "StepLR(step_size=3)", "keras": "ExponentialDecay(decay_steps=3, staircase=True)",
                   "keras_mapping": "decay_steps = step_size·k, staircase=True "
                                    "(⌊⌊count/k⌋/s⌋ = ⌊count/(s·k)⌋)"},
    "exponential_decay": {"torch": "ExponentialLR(gamma=0.8)", "keras": "ExponentialDecay(decay_steps=1)",
                          "keras_mapping": "decay_steps = k, decay_rate = r^(1/decay_steps), staircase=True"},
    "cosine_decay": {"torch": "CosineAnnealingLR(T_max=10)", "keras": "CosineDecay(decay_steps=10)",
                     "keras_mapping": "no staircase form: CosineDecay evaluated at iterations // k "
                                      "(tf_impl/schedules/base.py EpochCount, composed)"},
}


def per_epoch(component: str, framework: str) -> Divergence:
    if framework == "torch":
        return Divergence(
            component=component, framework="torch",
            what="scheduler.step() after every optimizer.step() where the schedule counts epochs",
            framework_value=(f"{PER_EPOCH[component]['torch']} advances once per scheduler.step() call, wherever "
                             "the loop makes it: in the batch loop its counts are updates"),
            reference_value="steps_per_epoch=k: η = schedule(⌊updates applied / k⌋) (PerEpoch)",
            mapping="the runner calls scheduler.step() after every k-th optimizer.step() (PyTorch's per-epoch idiom)",
            native={"step_every_update": True}, cases=("per_epoch",), source=TORCH + ":238 (LRScheduler.step)")
    return Divergence(
        component=component, framework="keras",
        what="Keras schedules count updates (optimizer.iterations), never epochs",
        framework_value=(f"{PER_EPOCH[component]['keras']} is evaluated at optimizer.iterations: its counts are "
                         "updates"),
        reference_value="steps_per_epoch=k: η = schedule(⌊updates applied / k⌋) (PerEpoch)",
        mapping="the builder expresses the epochs in updates: " + PER_EPOCH[component]["keras_mapping"],
        native={"step_every_update": True}, cases=("per_epoch",),
        source=KERAS + " (each __call__(step)); "
                       "keras/src/optimizers/base_optimizer.py:777-781 (_get_current_learning_rate)")


DIVERGENCES: list[Divergence] = [
    *(python_floats(name) for name in NAMES),
    *(per_epoch(name, framework) for name in PER_EPOCH for framework in ("torch", "keras")),
    formulation("piecewise_constant", "keras", "the new value starts one update after the boundary",
                "values[i] for b_{i-1} < count <= b_i (step <= boundaries[0] keeps values[0])",
                "switch='at_boundary': values[i] for b_{i-1} <= count < b_i (torch MultiStepLR)",
                "switch", ("default",), KERAS + ":275-292"),
    formulation("cosine_decay", "torch", "CosineAnnealingLR is periodic: after T_max the lr climbs back",
                "η_min + (η₀ − η_min)(1 + cos(π·count/T))/2 for every count (back to η₀ at 2T)",
                "periodic=False: holds α·η₀ after T (Keras CosineDecay)", "periodic", ("past_end",),
                TORCH + " (CosineAnnealingLR.get_lr)"),
    formulation("cosine_decay_restarts", "keras", "the period index comes from a float64 logarithm",
                "i = floor(log(1 − r(1 − t_mul))·(1/log t_mul)) (divisions by constants become reciprocal "
                "products in tf.function/fit: Grappler constant folding): at T₀=10, t_mul=2, count 70 it gives "
                "2.9999999999999996, so the 3rd restart comes one update late (η = α·η₀ instead of η₀)",
                "restart_index='count': whole periods counted (torch CosineAnnealingWarmRestarts)",
                "restart_index", ("default", "mlp"), KERAS + ":859-885"),
    Divergence(component="polynomial_decay", framework="keras", what="Keras decays to 1e-4 by default, not 0",
               framework_value="end_learning_rate=0.0001", reference_value="end_learning_rate=0.0 (torch PolynomialLR)",
               mapping="end_learning_rate passed explicitly", native={"end_learning_rate": 1e-4}, cases=("default",),
               source=KERAS + ":391"),
    Divergence(component="polynomial_decay", framework="torch", what="PolynomialLR's default horizon is 5 steps",
               framework_value="total_iters=5", reference_value="decay_steps=100",
               mapping="decay_steps passed as total_iters", native={"decay_steps": 5}, cases=("default",),
               source=TORCH + " (PolynomialLR.__init__)"),
    Divergence(component="cosine_decay_restarts", framework="torch", what="torch restarts with equal periods by default",
               framework_value="T_mult=1", reference_value="t_mul=2.0 (Keras's default)",
               mapping="t_mul passed as T_mult", native={"t_mul": 1.0}, cases=("default",),
               source=TORCH + " (CosineAnnealingWarmRestarts.__init__)"),
]
