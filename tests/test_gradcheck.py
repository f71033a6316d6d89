"""Finite differences in float64 against every differentiable reference backward pass (a stateful
module's in training and in evaluation mode).

A case marked ``gradcheck=False`` must say why in its note, and ``test_gradcheck_off_only_where_it_fails``
checks the flag is needed: finite differences really do fail on it (a kink, an overflow).
"""
import numpy as np
import pytest

import reference
from conformance import catalog
from conformance.inputs import draw
from reference.gradcheck import numerical_gradient, relative_error

MAX_REL_ERR = 1e-7
FAMILIES = ("layer", "activation", "loss")


def _differentiable(case) -> bool:
    return getattr(reference.get(case.family, case.component), "differentiable", True)


def gradient_errors(case) -> dict[str, float]:
    """Relative error of each reference gradient (input, parameters) against central differences."""
    rng = np.random.default_rng(case.seed)
    if case.family == "loss":
        ref = reference.get("loss", case.component)(**case.kwargs)
        y_pred = draw(case.inputs["y_pred"], rng, "float64")
        y_true = draw(case.inputs["y_true"], rng, "float64")
        loss, cache = ref.forward(y_pred, y_true)
        g = rng.standard_normal(np.shape(loss))
        f = lambda: float(np.sum(ref.forward(y_pred, y_true)[0] * g))  # noqa: E731
        return {"input": relative_error(ref.backward(g, cache), numerical_gradient(f, y_pred))}
    ref = reference.get(case.family, case.component)(**case.kwargs)
    x = draw(case.inputs["x"], rng, "float64")
    params = ref.init_params(rng, x.shape[-1], np.float64)
    dy = rng.standard_normal(ref.output_shape(x.shape))
    if ref.stateful:
        return stateful_gradient_errors(ref, x, params, dy, rng)
    noise = ref.draw_noise(rng, x.shape) if ref.random and case.training else None
    f = lambda: float(np.sum(ref.forward(x, params, training=case.training, noise=noise)[0] * dy))  # noqa: E731
    _, cache = ref.forward(x, params, training=case.training, noise=noise)
    dx, dparams = ref.backward(dy, cache)
    errors = {}
    if ref.input_kind != "int":                       # integer indices (embedding) have no input gradient
        errors["input"] = relative_error(dx, numerical_gradient(f, x))
    for name, p in params.items():
        errors[name] = relative_error(dparams[name], numerical_gradient(f, p))
    return errors


def stateful_gradient_errors(ref, x, params, dy, rng) -> dict[str, float]:
    """A stateful module, ``y, state, cache = forward(x, params, state, training=...)``: its gradients in
    training (the batch statistics depend on x) and in evaluation (the state is a constant), each from a
    state with non-trivial values (the one after a training step on another batch)."""
    state = ref.forward(rng.standard_normal(x.shape) + 0.5, params, ref.init_state(x.shape[-1], np.float64),
                        training=True)[1]
    errors = {}
    for mode, training in (("train", True), ("eval", False)):
        f = lambda: float(np.sum(ref.forward(x, params, state, training=training)[0] * dy))  # noqa: E731
        _, _, cache = ref.forward(x, params, state, training=training)
        dx, dparams = ref.backward(dy, cache)
        errors[f"input[{mode}]"] = relative_error(dx, numerical_gradient(f, x))
        for name, p in params.items():
            errors[f"{name}[{mode}]"] = relative_error(dparams[name], numerical_gradient(f, p))
    return errors


CASES = [pytest.param(c, id=c.id) for c in catalog.all_cases() if c.family in FAMILIES and _differentiable(c)]


@pytest.mark.parametrize("case", [p for p in CASES if p.values[0].gradcheck])
def test_gradients(case):
    errors = gradient_errors(case)
    assert max(errors.values()) < MAX_REL_ERR, errors


@pytest.mark.parametrize("case", [p for p in CASES if not p.values[0].gradcheck])
def test_gradcheck_off_only_where_it_fails(case):
    assert case.note.strip(), f"{case.id}: gradcheck=False needs a note saying why"
    with np.errstate(all="ignore"):
        try:
            errors = gradient_errors(case)
        except ValueError:                                   # a step leaves the loss's domain (p < 0 or
            return                                           # p > 1), which the reference rejects
    assert not max(errors.values()) < MAX_REL_ERR, (          # NaN (a step leaves the domain) counts as failing
        f"{case.id} passes finite differences ({errors}): turn gradcheck back on")


def test_non_differentiable_components_return_zero_gradients():
    for c in catalog.all_cases():
        if c.family in FAMILIES and not _differentiable(c):
            ref = reference.get(c.family, c.component)(**c.kwargs)
            x = draw(c.inputs["x"], np.random.default_rng(c.seed), "float64")
            dx, _ = ref.backward(np.ones_like(x), ref.forward(x, {})[1])
            assert not np.any(dx), c.id
