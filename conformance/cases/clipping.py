"""Cases for gradient clipping: clipping in front of an optimizer, for 100 updates
(``conformance/checkers/trajectory.py``). Open-loop gradients are N(0, 1) on 15 entries (global
norm ≈ 3.9, per-tensor norms ≈ 3.5 and 1.7), so max_norm = 1 clips at every update.
"""
from conformance.case import Case
from conformance.cases.optimizers import BOWL, OPEN, f32_blind, f32_drift
from conformance.tolerances import XEON, Measured

SGD = {"optimizer": ("sgd", {"momentum": 0.9})}


def clip(name, kwargs, desc="default", setup=None, note="", **kw):
    return Case(name, "clipping", OPEN, kwargs, desc=desc, setup={**SGD, **(setup or {})}, note=note, **kw)


CASES = [
    clip("global_norm", {"max_norm": 1.0}),
    clip("global_norm", {"max_norm": 1e-6}, desc="tiny", setup={"grad_scale": 1e-6},
         note="gradients ~1e-6 (norm ≈ 3.9e-6) clipped at 1e-6: torch's ε = 1e-6 in the norm makes them 20% smaller; "
              + f32_blind(6.2e-7)),
    clip("global_norm", {"max_norm": 2.0}, desc="bowl", setup=BOWL, tolerance=f32_drift(4e-6, (
        "float32 closed loop: the momentum buffer keeps round-off of its early size (|v| ≈ 2) in entries that go "
        "to 0 as the bowl converges; measured v max |Δ| 2.0e-6 (torch); Keras 1.2e-7"), "torch", ("state:",),
        (Measured(1.58, 0.471, XEON), Measured(1.58, 0.471, XEON + ", ATEN_CPU_CAPABILITY=default")))),
    clip("per_tensor_norm", {"max_norm": 1.0}),
    clip("per_tensor_norm", {"max_norm": 1e-6}, desc="tiny", setup={"grad_scale": 1e-6}, note=f32_blind(6.2e-7)),
    clip("value", {"clip_value": 0.3}),
    clip("value", {"clip_value": 5e-7}, desc="tiny", setup={"grad_scale": 1e-6}, note=f32_blind(7.8e-7)),
]
