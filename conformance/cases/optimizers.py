"""Cases for optimizers: whole trajectories (``conformance/checkers/trajectory.py``).

Every optimizer runs open loop (a fixed gradient sequence) and closed loop (its own gradients on
a problem), with ordinary gradients and tiny ones (scale 1e-6, where ε placement shows), for 100
updates; then its non-default settings and weight decay.
"""
from conformance.case import Case
from conformance.inputs import normal
from conformance.tolerances import TOLERANCES, XEON, XEON_AVX2, XEON_SSE41, Measured, Override

# Parameters: a (4, 3) matrix and a (3,) vector, as in the first measurements (docs/findings.md); Rosenbrock starts in the
# curved valley near (−1.2, 1); the MLP is 4 -> 8 -> 2.
OPEN = {"w": normal(4, 3), "b": normal(3)}
ROSEN = {"x": normal(4, loc=-1.2, scale=0.1), "y": normal(4, loc=1.0, scale=0.1)}
MLP = {"W1": normal(4, 8, scale=0.5), "b1": normal(8, scale=0.1), "W2": normal(8, 2, scale=0.35),
       "b2": normal(2, scale=0.1)}

TINY = {"grad_scale": 1e-6}
BOWL = {"mode": "closed", "problem": "bowl"}
BOWL_TINY = {"mode": "closed", "problem": "bowl", "grad_scale": 1e-6}
# Rosenbrock's gradient near (−1.2, 1) is ~200, the difference of two terms of that size; the loss is
# scaled by 0.01 so the gradients are O(1) like the other cases (float32 atol 1e-6 presumes O(1)).
ROSENBROCK = {"mode": "closed", "problem": "rosenbrock", "grad_scale": 0.01}
FIT = {"mode": "closed", "problem": "mlp"}
EXP_DECAY = ("exponential_decay", {"initial_learning_rate": 0.05, "decay_rate": 0.95})


def f32_drift(atol: float, why: str, framework: str, checks: tuple[str, ...], measured: tuple[Measured, ...],
              cpu_dependent: bool = False) -> dict:
    """A float32 override of ``checks`` for a measured, explained accumulation of round-off (rtol as in
    the table), for the one framework that needs it (``conformance/tolerances.py``)."""
    return {f"{framework}:float32": Override(rtol=TOLERANCES["float32"].rtol, atol=atol, reason=why, checks=checks,
                                             measured=measured, cpu_dependent=cpu_dependent)}


def f32_blind(moved: float) -> str:
    """The note of a case whose steps float32 cannot see (``moved``: max |p_t − p_0| of the reference run)."""
    f32 = TOLERANCES["float32"]
    return (f"float32 cannot see the step: p moves by at most {moved:.1e} over the run, within the float32 "
            f"params tolerance {f32.atol:g} + {f32.rtol:g}·|p_t| (|p_t| up to ~2: the round-off p may gather over "
            "100 updates, conformance/checkers/trajectory.py); float64 (p_t − p_0 held to 1e-12) and the state "
            "checks (atol scaled to the state's size) see it")


FIT_F32 = ("float32 closed loop through model.fit: TF's float32 matmul (oneDNN, whose kernels differ by CPU) sums "
           "in another order than NumPy (OpenBLAS, also by CPU), so each gradient differs by a few ulps and 100 "
           "updates carry that into the weights; float64 agrees at round-off. Measured: ")


# What the float32 overrides below were measured at (python -m conformance.honesty CASE prints these;
# `rosetta kernels avx2 --` or `sse41 --` in front: other CPUs' kernels on one machine). On a 2-core AMD
# EPYC without AVX-512, rmsprop[mlp]'s params residual was 6.0e-7 natively and 8.3e-7 under SSE41.
RMSPROP_MLP = (Measured(0.399, 0.139, XEON), Measured(1.05, 0.356, XEON + ", ONEDNN_MAX_CPU_ISA=AVX2"),
               Measured(0.635, 0.223, XEON + ", ONEDNN_MAX_CPU_ISA=SSE41"),
               Measured(0.981, 0.333, XEON_AVX2), Measured(0.59, 0.2, XEON_SSE41))
SGD_MLP_MOMENTUM = (Measured(0.575, 0.298, XEON), Measured(1.01, 0.51, XEON + ", ATEN_CPU_CAPABILITY=default"),
                    Measured(0.494, 0.262, XEON_AVX2), Measured(0.801, 0.465, XEON_SSE41))
RMSPROP_MOMENTUM_SCHEDULE = (Measured(1.03, 0.369, XEON), Measured(1.03, 0.369, XEON + ", ATEN_CPU_CAPABILITY=avx2"),
                             Measured(0.506, 0.162, XEON + ", ATEN_CPU_CAPABILITY=default"),
                             Measured(1.03, 0.369, XEON_AVX2), Measured(0.993, 0.357, XEON_SSE41))


def opt(name, kwargs=None, desc="default", inputs=OPEN, setup=None, note="", **kw):
    return Case(name, "optimizer", inputs, kwargs or {}, desc=desc, setup=setup or {}, note=note, **kw)


def basics(name, closed=BOWL, closed_inputs=OPEN, closed_kwargs=None, closed_tolerance=None, tiny_notes=("", ""),
           **kw):
    """The four trajectories every optimizer runs: open/closed loop, ordinary/tiny gradients
    (``tiny_notes``: the notes of the tiny and bowl_tiny cases)."""
    closed_kw = {**kw, "tolerance": closed_tolerance} if closed_tolerance else kw
    return [opt(name, **kw),
            opt(name, desc="tiny", setup=TINY, note=tiny_notes[0], **kw),
            opt(name, closed_kwargs, desc=closed["problem"], inputs=closed_inputs, setup=closed, **closed_kw),
            opt(name, desc="bowl_tiny", setup=BOWL_TINY, note=tiny_notes[1], **kw)]


CASES = [
    # --- sgd ---
    *basics("sgd", closed=FIT, closed_inputs=MLP, tiny_notes=(f32_blind(2.3e-7), f32_blind(4.2e-6))),
    opt("sgd", {"momentum": 0.9}, desc="momentum"),
    opt("sgd", {"momentum": 0.9, "nesterov": True}, desc="nesterov"),
    opt("sgd", {"momentum": 0.9, "dampening": 0.5}, desc="dampening",
        note="Keras has no dampening: its builder passes learning_rate·(1 − d)"),
    opt("sgd", {"momentum": 0.9, "weight_decay": 0.01}, desc="weight_decay"),
    opt("sgd", {"momentum": 0.9}, desc="momentum_schedule", setup={"schedule": EXP_DECAY},
        note="the two momentum forms part under a schedule"),
    opt("sgd", {"learning_rate": 0.05, "momentum": 0.9}, desc="mlp_momentum", inputs=MLP, setup=FIT,
        tolerance=f32_drift(2e-6, "float32 closed loop through torch's matmuls and momentum kernels, both chosen by "
                                  "CPU: the momentum buffer (|v| up to ~1) keeps round-off in entries that later pass "
                                  "near 0; measured v max |Δ| 8.9e-7 (AVX2/AVX-512 kernels) to 1.0e-6 (torch's default "
                                  "kernels, over the table)", "torch", ("state:",), SGD_MLP_MOMENTUM, cpu_dependent=True)),
    # --- adagrad ---
    *basics("adagrad", closed=ROSENBROCK, closed_inputs=ROSEN),
    opt("adagrad", {"initial_accumulator_value": 0.1, "epsilon": 1e-7}, desc="accumulator"),
    opt("adagrad", {"weight_decay": 0.01}, desc="weight_decay"),
    # --- rmsprop ---
    *basics("rmsprop", closed=FIT, closed_inputs=MLP, closed_tolerance=f32_drift(
        3e-6, FIT_F32 + "params max |Δ| 6.0e-7 to 1.7e-6 by machine (Keras, first over the table near update 90)",
        "keras", ("params",), RMSPROP_MLP, cpu_dependent=True)),
    opt("rmsprop", {"centered": True}, desc="centered"),
    opt("rmsprop", {"momentum": 0.9, "learning_rate": 1e-3}, desc="momentum"),
    opt("rmsprop", {"momentum": 0.9, "centered": True, "rho": 0.9}, desc="centered_momentum", setup=TINY),
    opt("rmsprop", {"momentum": 0.9}, desc="momentum_schedule", setup={"schedule": EXP_DECAY},
        tolerance=f32_drift(4e-6, "float32 accumulator: b = μb + g/den takes terms up to |g/den| ≈ 10 (ρ = 0.99) "
                                  "whose ulp (9.5e-7) stays in entries that later pass near 0; measured b max |Δ| "
                                  "1.9e-6 (torch addcdiv_ vs NumPy, update 14; torch's vectorized kernels, chosen "
                                  "by CPU, round it differently)", "torch", ("state:",), RMSPROP_MOMENTUM_SCHEDULE,
                            cpu_dependent=True)),
    opt("rmsprop", {"weight_decay": 0.01}, desc="weight_decay"),
    # --- adadelta ---
    *basics("adadelta", tiny_notes=(f32_blind(3.0e-5), "")),
    opt("adadelta", {"rho": 0.9, "epsilon": 1e-8, "learning_rate": 0.5}, desc="settings", setup=ROSENBROCK,
        inputs=ROSEN),
    opt("adadelta", {"weight_decay": 0.01}, desc="weight_decay"),
    # --- adam ---
    *basics("adam", closed=ROSENBROCK, closed_inputs=ROSEN),
    opt("adam", {"amsgrad": True}, desc="amsgrad", setup=TINY),
    opt("adam", {"beta_1": 0.8, "beta_2": 0.99, "learning_rate": 0.01, "epsilon": 0.0}, desc="betas_eps0",
        note="ε = 0: both ε placements are the same formula"),
    opt("adam", {"weight_decay": 0.01}, desc="weight_decay"),
    opt("adam", {"weight_decay": 0.01, "weight_decay_mode": "decoupled"}, desc="decoupled"),
    opt("adam", {"learning_rate": 0.01}, desc="mlp", inputs=MLP, setup=FIT),
    # --- adamw ---
    *basics("adamw"),
    opt("adamw", {"amsgrad": True, "weight_decay": 0.1}, desc="amsgrad"),
    opt("adamw", {"learning_rate": 0.01}, desc="mlp", inputs=MLP, setup=FIT,
        note="Keras forms 1 − βᵗ in float32: the bias-correction divergence shows here"),
    # --- adamax ---
    *basics("adamax"),
    opt("adamax", {"weight_decay": 0.01}, desc="weight_decay"),
    # --- nadam ---
    *basics("nadam", closed=ROSENBROCK, closed_inputs=ROSEN),
    opt("nadam", {"momentum_decay": 1.0}, desc="psi_1", note="ψ = 1: Keras's hard-coded momentum schedule"),
    opt("nadam", {"weight_decay": 0.01}, desc="weight_decay"),
]
