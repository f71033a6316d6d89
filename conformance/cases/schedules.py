"""Cases for learning-rate schedules: each schedule drives a momentum optimizer for 100 updates
(open loop); the checker compares the learning rate of every update, the parameters and the
optimizer state (``conformance/checkers/trajectory.py``).

SGD with momentum is the default partner because its two momentum forms (PyTorch's buffer of
gradients, Keras's buffer of η-scaled steps) only part under a changing learning rate.

"mlp" trains through Keras's ``model.fit``, where the lr recorded must be evaluated as fit applies it.
"per_epoch" cases count the schedule in epochs (``setup["steps_per_epoch"]``): 100 updates are 10
epochs of 10; torch steps its scheduler once per epoch, Keras expresses the schedule in updates.
"""
from conformance.case import Case
from conformance.cases.optimizers import FIT, MLP, OPEN

MOMENTUM = {"optimizer": ("sgd", {"momentum": 0.9})}
EPOCHS = {"steps_per_epoch": 10}


def sched(name, kwargs, desc="default", setup=None, note="", inputs=OPEN, **kw):
    return Case(name, "schedule", inputs, kwargs, desc=desc, setup={**MOMENTUM, **(setup or {})}, note=note, **kw)


CASES = [
    sched("constant_lr", {"learning_rate": 0.05}),
    sched("step_decay", {"initial_learning_rate": 0.05, "step_size": 10, "gamma": 0.5}),
    sched("step_decay", {"initial_learning_rate": 0.05, "step_size": 3, "gamma": 0.5}, desc="per_epoch", setup=EPOCHS,
          note="StepLR(step_size=3 epochs) stepped once per epoch of 10 updates: η halves at updates 31, 61, 91; "
               "Keras ExponentialDecay(decay_steps=30, staircase=True)"),
    sched("exponential_decay", {"initial_learning_rate": 0.05, "decay_rate": 0.95}),
    sched("exponential_decay", {"initial_learning_rate": 0.05, "decay_rate": 0.5, "decay_steps": 25},
          desc="decay_steps", note="torch: ExponentialLR(gamma = 0.5^(1/25))"),
    sched("exponential_decay", {"initial_learning_rate": 0.05, "decay_rate": 0.8}, desc="per_epoch", setup=EPOCHS,
          note="ExponentialLR(gamma=0.8) stepped once per epoch of 10 updates; Keras ExponentialDecay(decay_steps=10, "
               "staircase=True)"),
    sched("inverse_time_decay", {"initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.5}),
    sched("inverse_time_decay", {"initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.5,
                                 "staircase": True}, desc="staircase"),
    sched("polynomial_decay", {"initial_learning_rate": 0.05, "decay_steps": 80, "power": 2.0},
          note="runs 20 updates past the end of the decay"),
    sched("piecewise_constant", {"boundaries": (30, 60), "values": (0.05, 0.025, 0.0125)}),
    sched("cosine_decay", {"initial_learning_rate": 0.05, "decay_steps": 100, "alpha": 0.1}),
    sched("cosine_decay", {"initial_learning_rate": 0.005, "decay_steps": 80, "warmup_steps": 10,
                           "warmup_target": 0.05}, desc="warmup",
          setup={"optimizer": ("adam", {})}, note="Adam with warm-up then cosine, as in transformer training"),
    sched("cosine_decay", {"initial_learning_rate": 0.05, "decay_steps": 10, "alpha": 0.1}, desc="per_epoch",
          setup=EPOCHS, note="CosineAnnealingLR(T_max=10 epochs) stepped once per epoch of 10 updates; Keras "
                             "CosineDecay evaluated at iterations // 10 (no staircase form)"),
    sched("cosine_decay", {"initial_learning_rate": 0.05, "decay_steps": 60}, desc="past_end",
          note="40 updates past the end: Keras holds α·η₀, torch's cosine climbs back"),
    sched("cosine_decay_restarts", {"initial_learning_rate": 0.05, "first_decay_steps": 10, "t_mul": 2.0},
          note="restarts at 10, 30, 70: Keras in tf.function/fit restarts at 71 (float64)"),
    sched("cosine_decay_restarts", {"initial_learning_rate": 0.05, "first_decay_steps": 10, "t_mul": 2.0},
          desc="mlp", inputs=MLP, setup=FIT,
          note="model.fit past the restart at 70: the lr recorded must be the one fit applies (graph: Keras restarts "
               "at 71), not an eager evaluation of the schedule (restarts at 70)"),
    sched("cosine_decay_restarts", {"initial_learning_rate": 0.05, "first_decay_steps": 10, "t_mul": 1.0,
                                    "alpha": 0.1}, desc="t_mul_1"),
]
