"""Cases for the dropout family (layers active in training only): dropout, spatial_dropout1d/2d,
alpha_dropout, gaussian_noise, gaussian_dropout.

Each framework's draw is read back exactly (``reference.registry.Probe``) and fed to the reference,
so training cases compare outputs and gradients at round-off, not statistically
(tests/test_dropout*.py test the distributions). Inputs hold exact zeros, where a dropped unit and a
kept one both give 0 in the output: the probe still tells them apart, and the gradient (m/(1 − p) or
0) shows which one the framework used.
"""
import numpy as np

from conformance.case import Case
from conformance.inputs import Gen, values

ZEROS = "every 5th entry an exact 0: a dropped unit and a kept 0 both give 0, the probe tells them apart"


def with_zeros(*shape: int, seed: int) -> Gen:
    """N(0, 1) entries with every 5th one an exact 0, as explicit values."""
    a = np.random.default_rng(seed).standard_normal(shape)
    a.reshape(-1)[::5] = 0.0
    return values(a, shape=shape)


FLAT = with_zeros(8, 6, seed=1)             # (N, F)
SEQ = with_zeros(4, 5, 8, seed=2)           # (N, steps, C)
IMG = with_zeros(3, 4, 5, 6, seed=3)        # (N, H, W, C)


def _train_eval(name: str, x, kwargs: dict, large: dict, zero: dict, note: str = ZEROS,
                large_note: str = "a large rate: most units dropped") -> list[Case]:
    """The cases every component has: the usual p (or stddev) in training and in evaluation, p = 0
    (nothing dropped), a large p."""
    return [
        Case(name, "layer", {"x": x}, kwargs, training=True, note=note),
        Case(name, "layer", {"x": x}, kwargs, desc="eval", note="evaluation: the identity"),
        Case(name, "layer", {"x": x}, zero, desc="zero_train", training=True,
             note="p = 0 (stddev = 0): the identity in training too"),
        Case(name, "layer", {"x": x}, large, desc="large_train", training=True, note=large_note),
    ]


CASES = [
    # --- dropout ---------------------------------------------------------------------------
    *_train_eval("dropout", FLAT, {"p": 0.5}, {"p": 0.9}, {"p": 0.0}),
    Case("dropout", "layer", {"x": with_zeros(4, 5, 6, seed=4)}, {"p": 0.3}, desc="3d_train", training=True,
         note="(N, T, F): one draw per element"),
    Case("dropout", "layer", {"x": FLAT}, {"p": 1.0}, desc="all_dropped", training=True,
         note="p = 1: every unit dropped, y = 0 and dx = 0"),
    # --- spatial_dropout1d: (N, steps, C) ---------------------------------------------------
    *_train_eval("spatial_dropout1d", SEQ, {"p": 0.5}, {"p": 0.8}, {"p": 0.0},
                 note=f"(N, steps, C): one draw per sample and channel; {ZEROS}"),
    # --- spatial_dropout2d: (N, H, W, C) ----------------------------------------------------
    *_train_eval("spatial_dropout2d", IMG, {"p": 0.5}, {"p": 0.8}, {"p": 0.0},
                 note=f"(N, H, W, C): one draw per sample and channel; {ZEROS}"),
    # --- alpha_dropout -----------------------------------------------------------------------
    *_train_eval("alpha_dropout", FLAT, {"p": 0.5}, {"p": 0.9}, {"p": 0.0}),
    Case("alpha_dropout", "layer", {"x": with_zeros(4, 5, 6, seed=5)}, {"p": 0.05}, desc="selu_rate_train",
         training=True, note="p = 0.05, a rate Klambauer et al. use with SELU; (N, T, F)"),
    # --- gaussian_noise: Keras accepts stddev ≤ 1 only ---------------------------------------
    *_train_eval("gaussian_noise", FLAT, {"stddev": 0.5}, {"stddev": 1.0}, {"stddev": 0.0},
                 note="additive noise: the output shows it everywhere, zeros too",
                 large_note="stddev = 1, the most Keras accepts"),
    # --- gaussian_dropout --------------------------------------------------------------------
    *_train_eval("gaussian_dropout", FLAT, {"p": 0.5}, {"p": 0.9}, {"p": 0.0},
                 large_note="a large rate: factors N(1, 9)"),
]
