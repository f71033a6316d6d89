"""Early stopping: torch has no callback; a composed loop in torch idiom keeps the best
``state_dict`` (``copy.deepcopy``) and stops on the reference's rule (patience, min_delta).

The loop is ``torch_impl/regularizer_runner.fit_early_stopping``; this object holds the
settings and the decision: improved = best − v > min_delta, compared as Python floats (float64:
``fixed`` float32_comparison=False); stop after ``patience`` consecutive epochs without
improvement (at least one).
"""
from torch_impl.registry import Built, register


class EarlyStopping:
    def __init__(self, patience, min_delta, restore_best_weights):
        self.patience = patience
        self.min_delta = min_delta
        self.restore_best_weights = restore_best_weights
        self.best = None
        self.wait = 0
        self.fixed = {"float32_comparison": False}

    def update(self, value: float) -> bool:
        """Take one epoch's validation loss; True when it is the new best (the wait resets)."""
        if self.best is None or self.best - value > self.min_delta:
            self.best, self.wait = value, 0
            return True
        self.wait += 1
        return False

    def should_stop(self) -> bool:
        return self.wait >= max(self.patience, 1)


@register("regularizer", "early_stopping", status="composed",
          note="no early-stopping callback in torch: a training loop with copy.deepcopy(state_dict())")
def build(patience=0, min_delta=0.0, restore_best_weights=False, float32_comparison=False):
    """``float32_comparison``: the loop compares Python floats; accepted, not passed, declared in ``fixed``."""
    return Built(EarlyStopping(patience, min_delta, restore_best_weights))
