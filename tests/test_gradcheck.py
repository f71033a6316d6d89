"""Finite differences in float64 against every differentiable reference backward pass."""
import numpy as np
import pytest

import reference
from conformance import catalog, harness
from conformance.inputs import draw
from reference.gradcheck import numerical_gradient, relative_error

MAX_REL_ERR = 1e-7

CASES = [pytest.param(c, id=c.id) for c in catalog.all_cases() if c.family in ("layer", "activation")]
LOSS_CASES = [pytest.param(c, id=c.id) for c in catalog.all_cases() if c.family == "loss"]


@pytest.mark.parametrize("case", CASES)
def test_module_gradients(case):
    ref = reference.get(case.family, case.component)(**case.kwargs)
    if not ref.differentiable:
        pytest.skip(f"{case.component} is not differentiable: its gradient is defined as 0 (forward compared only)")
    if not case.gradcheck:
        pytest.skip(f"finite differences off for this case: {case.note}")
    rng = np.random.default_rng(harness.seed_of(case))
    x = draw(case.inputs["x"], rng, "float64")
    params = ref.init_params(rng, x.shape[-1], np.float64)
    dy = rng.standard_normal(x.shape[:-1] + (ref.output_features(x.shape[-1]),))
    noise = None
    if ref.random and case.training:
        noise = ref.draw_noise(rng, x.shape)
    f = lambda: float(np.sum(ref.forward(x, params, training=case.training, noise=noise)[0] * dy))  # noqa: E731
    _, cache = ref.forward(x, params, training=case.training, noise=noise)
    dx, dparams = ref.backward(dy, cache)
    assert relative_error(dx, numerical_gradient(f, x)) < MAX_REL_ERR
    for name, p in params.items():
        assert relative_error(dparams[name], numerical_gradient(f, p)) < MAX_REL_ERR, name


@pytest.mark.parametrize("case", LOSS_CASES)
def test_loss_gradients(case):
    if not case.gradcheck:
        pytest.skip(f"finite differences off for this case: {case.note}")
    ref = reference.get("loss", case.component)(**case.kwargs)
    rng = np.random.default_rng(harness.seed_of(case))
    y_pred = draw(case.inputs["y_pred"], rng, "float64")
    y_true = draw(case.inputs["y_true"], rng, "float64")
    loss, cache = ref.forward(y_pred, y_true)
    g = rng.standard_normal(np.shape(loss))
    f = lambda: float(np.sum(ref.forward(y_pred, y_true)[0] * g))  # noqa: E731
    assert relative_error(ref.backward(g, cache), numerical_gradient(f, y_pred)) < MAX_REL_ERR
