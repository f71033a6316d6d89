"""What a Keras regularizer builder returns (as ``Built.module``), by the reference's role
(``reference/regularizers/base.py``):

    penalty         a ``keras.regularizers.Regularizer``, attached as the kernel's regularizer
    constraint      ``KerasConstraint``: a ``keras.constraints.Constraint``, attached as the kernel's constraint
    early_stopping  ``KerasCallback``: a ``keras.callbacks.Callback`` for ``model.fit``

``fixed``: reference settings Keras cannot change, with the value Keras implements. Builders
accept the reference's keyword for them and do not pass it; the checker verifies that the
reference it is compared with is configured the same way
(``conformance.checkers.trajectory.formulation_check``), as for optimizers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import keras


@dataclass
class KerasConstraint:
    constraint: keras.constraints.Constraint
    fixed: dict[str, Any] = field(default_factory=dict)


@dataclass
class KerasCallback:
    callback: keras.callbacks.Callback
    fixed: dict[str, Any] = field(default_factory=dict)
