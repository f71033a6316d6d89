"""AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay.

    p ← p − η·λ·p            (before the Adam step, with the same η_t)
    then the Adam update of ``reference.optimizers.adam`` on the undecayed gradient.

Same options as Adam (``epsilon_placement``, ``amsgrad``, ``bias_correction``); the weight decay is always decoupled.
Defaults: Adam's, with λ = 1e-2 (PyTorch's; Keras uses 4e-3).
"""
from __future__ import annotations

from reference.optimizers.adam import Adam
from reference.registry import register


@register("optimizer", "adamw")
class AdamW(Adam):
    def __init__(self, learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8, amsgrad=False, weight_decay=1e-2,
                 epsilon_placement="after_correction", bias_correction="exact"):
        super().__init__(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, "decoupled",
                         epsilon_placement, bias_correction)
