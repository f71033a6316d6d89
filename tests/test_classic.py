"""The classic algorithms of the "model" family: the normal equations (least squares and ridge) against
``numpy.linalg.lstsq`` and against gradient descent run to convergence; the perceptron rule on separable
data, as SGD on the perceptron criterion, and its sign(0) convention; the float32 rounding bound of the
solve (it holds, and it still catches a solve in lower precision); each framework through the harness;
the boundary of both."""
import dataclasses

import numpy as np
import pytest

import reference
from conftest import load_or_skip
from conformance import catalog, harness
from conformance.checkers import classic
from reference.gradcheck import numerical_gradient
from reference.models import datasets, training
from reference.registry import Built, Impl

FRAMEWORKS = ("torch", "keras")


def normal_equations(**kwargs):
    return reference.get("model", "normal_equations")(**kwargs)


def perceptron(**kwargs):
    return reference.get("model", "perceptron")(**kwargs)


def linear(seed=0, n=20, features=3, outputs=1, dtype=np.float64, **kwargs):
    rng = np.random.default_rng(seed)
    return datasets.draw("linear", rng, dtype, n=n, features=features, outputs=outputs, **kwargs)


# --- normal equations: against independent solutions ---------------------------------------------------

@pytest.mark.parametrize("outputs", [1, 2])
def test_least_squares_matches_lstsq(outputs):
    x, y = linear(outputs=outputs)
    got = normal_equations().fit(x, y)
    design = np.c_[x, np.ones(len(x))]                                  # [x 1]: the intercept as a column
    coef = np.linalg.lstsq(design, y, rcond=None)[0]                    # (F + 1, K)
    np.testing.assert_allclose(got["w"], coef[:-1], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got["b"], coef[-1], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got["loss"], np.mean((design @ coef - y) ** 2), rtol=1e-10)


@pytest.mark.parametrize("outputs", [1, 2])
def test_ridge_matches_the_augmented_least_squares_system(outputs):
    """min ‖x·w + b − y‖² + λ‖w‖² is the least-squares solution of [x 1; √λ·I 0]·[w; b] = [y; 0]: the
    penalty rows have no intercept column, so b is not penalized."""
    x, y = linear(seed=1, outputs=outputs)
    lam, features = 3.0, x.shape[1]
    design = np.r_[np.c_[x, np.ones(len(x))], np.c_[np.sqrt(lam) * np.eye(features), np.zeros(features)]]
    coef = np.linalg.lstsq(design, np.r_[y, np.zeros((features, outputs))], rcond=None)[0]
    got = normal_equations(l2=lam).fit(x, y)
    np.testing.assert_allclose(got["w"], coef[:-1], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got["b"], coef[-1], rtol=1e-10, atol=1e-12)
    r = x @ coef[:-1] + coef[-1] - y
    np.testing.assert_allclose(got["objective"], np.sum(r ** 2) + lam * np.sum(coef[:-1] ** 2), rtol=1e-10)


def test_ridge_without_intercept_matches_the_augmented_system():
    x, y = linear(seed=2)
    lam = 2.0
    coef = np.linalg.lstsq(np.r_[x, np.sqrt(lam) * np.eye(3)], np.r_[y, np.zeros((3, 1))], rcond=None)[0]
    got = normal_equations(l2=lam, fit_intercept=False).fit(x, y)
    np.testing.assert_allclose(got["w"], coef, rtol=1e-10, atol=1e-12)
    assert np.all(got["b"] == 0)


def test_the_intercept_is_not_penalized():
    """Moving every target by c moves b by c and leaves w as it was (a penalized b would shrink it)."""
    x, y = linear(seed=3)
    model = normal_equations(l2=10.0)
    a, b = model.fit(x, y), model.fit(x, y + 5.0)
    np.testing.assert_allclose(b["w"], a["w"], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(b["b"], a["b"] + 5.0, rtol=1e-10)


def test_the_solution_is_a_stationary_point_of_the_objective():
    """∂/∂w (‖r‖² + λ‖w‖²) = 2xᵀr + 2λw = 0 and ∂/∂b = 2Σr = 0 at the closed form (r = x·w + b − y)."""
    x, y = linear(seed=4, outputs=2)
    got = normal_equations(l2=1.5).fit(x, y)
    r = got["predictions"] - y
    np.testing.assert_allclose(x.T @ r + 1.5 * got["w"], 0, atol=1e-12)
    np.testing.assert_allclose(r.sum(axis=0), 0, atol=1e-12)


def test_ridge_tends_to_least_squares_as_lambda_goes_to_zero():
    x, y = linear(seed=5)
    ols = normal_equations().fit(x, y)["w"]
    gaps = [np.max(np.abs(normal_equations(l2=lam).fit(x, y)["w"] - ols)) for lam in (1e-1, 1e-3, 1e-5)]
    assert gaps[0] > gaps[1] > gaps[2] > 0
    np.testing.assert_allclose(gaps[1] / gaps[2], 100, rtol=1e-2)        # first order in λ: (XᵀX)⁻¹·λ·w
    norms = [np.linalg.norm(normal_equations(l2=lam).fit(x, y)["w"]) for lam in (0.0, 1.0, 10.0, 100.0)]
    assert norms == sorted(norms, reverse=True)                         # more λ, more shrinkage


# --- normal equations: against gradient descent -----------------------------------------------------------

@pytest.mark.parametrize("outputs", [1, 2])
def test_least_squares_equals_gradient_descent_run_to_convergence(outputs):
    """The Sequential dense model trained by full-batch SGD on the MSE (``training.fit``) reaches the closed
    form: both minimize the same convex loss."""
    x, y = linear(seed=6, outputs=outputs)
    model = reference.get("model", "sequential")(layers=[("dense", {"in_features": 3, "units": outputs})])
    params = model.init_params(np.random.default_rng(0), 3)
    orders = training.epoch_orders(None, len(x), 600, shuffle=False)
    record = training.fit(model, reference.get("loss", "mse")(), reference.get("optimizer", "sgd")(learning_rate=0.2),
                          params, x, y, orders, batch_size=len(x))
    want = normal_equations().fit(x, y)
    np.testing.assert_allclose(record["params"]["0.W"][-1], want["w"], rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(record["params"]["0.b"][-1], want["b"], rtol=1e-9, atol=1e-10)
    assert record["loss"][-1] == pytest.approx(float(want["loss"]), rel=1e-9)
    assert abs(record["params"]["0.W"][0] - want["w"]).max() > 1e-2        # it did start elsewhere


def test_ridge_equals_gradient_descent_on_the_penalized_objective():
    """Plain gradient descent on ‖x·w + b − y‖² + λ‖w‖² (b not penalized) converges to the closed form."""
    x, y = linear(seed=7, n=30, features=4, outputs=2)
    lam, lr = 4.0, 0.01
    w, b = np.zeros((4, 2)), np.zeros(2)
    for _ in range(3000):
        r = x @ w + b - y
        w, b = w - lr * (2 * x.T @ r + 2 * lam * w), b - lr * 2 * r.sum(axis=0)
    want = normal_equations(l2=lam).fit(x, y)
    np.testing.assert_allclose(w, want["w"], rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(b, want["b"], rtol=1e-9, atol=1e-10)


# --- normal equations: the float32 rounding bound ---------------------------------------------------------

@pytest.mark.parametrize("scale", [1.0, 30.0, 300.0], ids=["kappa~3", "kappa~1e3", "kappa~1e5"])
def test_the_float32_bound_holds_for_the_reference_solve(scale):
    """The reference's float32 solution lies within half the allowance (one implementation's share) of the
    exact solution on the same float32 data, also for ill-conditioned data (a column stretched by
    ``scale`` makes κ(XᵀX) ~ scale²), and the allowance stays far below the solution's size."""
    for seed in range(5):
        x, y = linear(seed=seed, n=25, features=3, dtype=np.float32)
        x[:, 0] *= np.float32(scale)
        for kwargs in ({}, {"l2": 2.0}, {"fit_intercept": False}):
            model = normal_equations(**kwargs)
            got = model.fit(x, y)
            exact = model.fit(x.astype(np.float64), y.astype(np.float64))
            bound = classic.solve_bounds(x, y, got, model.l2, model.fit_intercept, "float32")
            for key in ("w", "b", "predictions", "loss", "objective"):
                err = np.abs(got[key].astype(np.float64) - exact[key])
                allowance = bound["param:" + key] if key in ("w", "b") else bound[key]
                assert np.all(err <= allowance / 2), (seed, kwargs, key, err, allowance)
            assert np.max(bound["param:w"]) < 1e-2 * np.max(np.abs(exact["w"])), (seed, kwargs)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_float32_bound_holds_for_the_frameworks_solves(framework):
    """The same for torch's and TensorFlow's float32 solves (their own products, means and LU)."""
    fw = load_or_skip(framework)
    from conformance.adapter import RunContext
    for seed, scale in ((0, 1.0), (1, 30.0), (2, 300.0)):
        x, y = linear(seed=seed, n=25, features=3, outputs=2, dtype=np.float32)
        x[:, 0] *= np.float32(scale)
        for kwargs in ({}, {"l2": 2.0}, {"fit_intercept": False}):
            model = normal_equations(**kwargs)
            got = fw.adapter.run_classic(RunContext("float32"), "normal_equations", {"kwargs": kwargs, "x": x, "y": y})
            exact = model.fit(x.astype(np.float64), y.astype(np.float64))
            bound = classic.solve_bounds(x, y, model.fit(x, y), model.l2, model.fit_intercept, "float32")
            for key in ("w", "b", "predictions", "loss", "objective"):
                assert got[key].dtype == np.float32, key
                err = np.abs(got[key].astype(np.float64) - exact[key])
                allowance = bound["param:" + key] if key in ("w", "b") else bound[key]
                assert np.all(err <= allowance / 2), (seed, scale, kwargs, key, err, allowance)


def test_a_solve_in_lower_precision_fails_the_float32_bound(monkeypatch):
    """Rounding x to bfloat16-like precision (8 bits) before forming XᵀX, as a reduced-precision matmul would,
    departs by ~1e-3 relative: over the allowance, so the bound does not hide it."""
    fw = load_or_skip("torch")
    import torch

    from torch_impl.models.normal_equations import NormalEquations

    class LowPrecision(NormalEquations):
        def fit(self, x, y):
            return super().fit(x.to(torch.bfloat16).to(x.dtype), y)

    monkeypatch.setitem(fw.registry._table("model"), "normal_equations",
                        Impl(lambda l2=0.0, fit_intercept=True: Built(LowPrecision(l2, fit_intercept)), "composed"))
    case = _case("normal_equations[default]")
    failed = {r.check for r in harness.run_case(case, "torch", "float32") if r.status == "fail"}
    assert {"param:w", "predictions"} <= failed


def test_a_penalized_intercept_is_caught(monkeypatch):
    """The usual slip: ridge on [x 1] with the penalty on the intercept too."""
    fw = load_or_skip("torch")
    import torch

    class PenalizedIntercept:
        def __init__(self, l2=0.0, fit_intercept=True):
            self.l2 = l2

        def fit(self, x, y):
            design = torch.cat([x, torch.ones(len(x), 1, dtype=x.dtype)], dim=1)
            coef = torch.linalg.solve(design.T @ design + self.l2 * torch.eye(design.shape[1], dtype=x.dtype),
                                      design.T @ y)
            w, b = coef[:-1], coef[-1]
            predictions = x @ w + b
            return {"w": w, "b": b, "predictions": predictions, "loss": torch.mean((predictions - y) ** 2),
                    "objective": torch.sum((predictions - y) ** 2) + self.l2 * torch.sum(w ** 2)}

    monkeypatch.setitem(fw.registry._table("model"), "normal_equations",
                        Impl(lambda **kw: Built(PenalizedIntercept(**kw)), "composed"))
    ridge, ols = _case("normal_equations[ridge]"), _case("normal_equations[default]")
    assert "param:b" in {r.check for r in harness.run_case(ridge, "torch", "float64") if r.status == "fail"}
    assert all(r.status == "pass" for r in harness.run_case(ols, "torch", "float64"))   # λ = 0: nothing penalized


# --- perceptron ------------------------------------------------------------------------------------------

def separable(seed=0, n=20, offset=2.0):
    x, y = datasets.draw("signed_blobs", np.random.default_rng(seed), np.float64, n=n, separation=4.0, offset=offset)
    return x, y[:, 0]


def test_perceptron_converges_on_separable_data():
    x, t = separable()
    orders = training.epoch_orders(np.random.default_rng(1), len(x), 30, shuffle=True)
    got = perceptron().fit(x, t, orders)
    assert got["mistakes"][0] > 0 and got["mistakes"][-1] == 0
    w, b = got["w"][-1], got["b"][-1]
    assert np.all(t * (x @ w + b) > 0)                                   # every sample on its side
    assert perceptron().criterion(x, t, w, b) == 0
    np.testing.assert_array_equal(perceptron().predict(x, w, b), t)
    assert got["w"].shape == (30 * len(x), 2) and got["b"].shape == got["score"].shape == (30 * len(x),)


def test_perceptron_keeps_erring_on_data_no_line_separates():
    """XOR with ±1 labels: no (w, b) puts all four on their side, so every epoch has a mistake."""
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    t = np.array([-1.0, 1.0, 1.0, -1.0])
    got = perceptron(learning_rate=0.5).fit(x, t, [np.arange(4)] * 50)
    assert np.all(got["mistakes"] > 0)


def test_the_rule_is_sgd_on_the_perceptron_criterion():
    """Each step equals an SGD step of learning rate 2η on max(0, −t·(x·w + b)) for that sample, with the
    subgradient −t·x·(1 − t·sign(s))/2 (half of −t·x at s = 0); away from s = 0 that is the gradient, which
    finite differences confirm."""
    x, t = separable(seed=2, n=12, offset=3.0)
    lr = 0.25
    orders = training.epoch_orders(np.random.default_rng(3), len(x), 4, shuffle=True)
    w0, b0 = np.array([0.3, -0.7]), np.array(0.1)
    got = perceptron(learning_rate=lr).fit(x, t, orders, w0, b0)
    w, b, step = w0.copy(), b0.copy(), 0
    for order in orders:
        for n in order:
            s = x[n] @ w + b
            half = (1 - t[n] * np.sign(s)) / 2                          # 1 wrong, 0 right, ½ at s = 0
            grad_w, grad_b = -t[n] * x[n] * half, -t[n] * half
            if s != 0:
                wf, bf = w.copy(), np.array([b])                            # perturbed in place
                crit = lambda: float(np.maximum(0, -t[n] * (x[n] @ wf + bf[0])))  # noqa: E731
                np.testing.assert_allclose(numerical_gradient(crit, wf), grad_w, atol=1e-8)
                np.testing.assert_allclose(numerical_gradient(crit, bf), [grad_b], atol=1e-8)
            w, b = w - 2 * lr * grad_w, b - 2 * lr * grad_b
            np.testing.assert_allclose(got["w"][step], w, rtol=1e-14, atol=1e-15)
            np.testing.assert_allclose(got["b"][step], b, rtol=1e-14, atol=1e-15)
            step += 1
    assert np.sum(got["mistakes"]) > 2                                   # the run had updates to compare


def test_sign_of_zero_is_zero_a_half_step():
    """From w = 0, b = 0 the first score is 0: sign(0) = 0, so the step is η·t·x (half of a mistake's 2η·t·x)
    and it counts as a mistake."""
    x = np.array([[1.0, 2.0], [-1.0, -1.0]])
    t = np.array([1.0, -1.0])
    got = perceptron(learning_rate=0.5).fit(x, t, [np.array([0, 1])])
    np.testing.assert_array_equal(got["w"][0], 0.5 * x[0])
    assert got["b"][0] == 0.5 and got["score"][0] == 0
    np.testing.assert_array_equal(got["w"][1], got["w"][0])             # the second sample is right: no step
    assert got["mistakes"].tolist() == [1]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_frameworks_sign_of_zero_is_zero(framework):
    """The convention the three share, so each uses its own sign as it is."""
    load_or_skip(framework)
    if framework == "torch":
        import torch
        got = torch.sign(torch.tensor([0.0, -0.0, 2.0])).numpy()
    else:
        import tensorflow as tf
        got = tf.sign(tf.constant([0.0, -0.0, 2.0])).numpy()
    np.testing.assert_array_equal(got, np.sign(np.array([0.0, -0.0, 2.0])))
    np.testing.assert_array_equal(got, [0.0, 0.0, 1.0])


def test_perceptron_cases_draw_data_start_and_orders_from_one_seed():
    case = _case("perceptron[nonseparable]")
    a, b = classic.perceptron_inputs(case, "float64"), classic.perceptron_inputs(case, "float64")
    assert all(np.array_equal(o, p) for o, p in zip(a["orders"], b["orders"]))
    assert np.array_equal(a["w0"], b["w0"]) and np.any(a["w0"] != 0)
    assert not all(np.array_equal(a["orders"][0], o) for o in a["orders"][1:])
    assert set(np.unique(a["t"])) == {-1.0, 1.0}


def test_the_default_perceptron_case_converges_and_the_other_does_not():
    for cid, converges in (("perceptron[default]", True), ("perceptron[nonseparable]", False)):
        case = _case(cid)
        data = classic.perceptron_inputs(case, "float64")
        got = perceptron(**case.kwargs).fit(data["x"], data["t"], data["orders"], data["w0"], data["b0"])
        assert (got["mistakes"][-1] == 0) == converges, (cid, got["mistakes"])
        assert got["mistakes"][0] > 1


def test_too_many_perceptron_updates_are_rejected():
    case = _case("perceptron[default]")
    long = dataclasses.replace(case, setup={**case.setup, "epochs": 5})                    # 60 updates
    with pytest.raises(ValueError, match="60 updates is not allowed: at most 50"):
        classic.perceptron_inputs(long, "float64")


def test_a_perceptron_with_sign_of_zero_plus_one_is_caught(monkeypatch):
    """The other common convention, sign(0) = +1 (a sample on the boundary predicted +1), planted in torch's
    run: from the zero start the first step already differs."""
    load_or_skip("torch")
    import torch
    monkeypatch.setattr(torch, "sign", lambda s: torch.where(s >= 0, 1.0, -1.0).to(s.dtype))
    records = harness.run_case(_case("perceptron[default]"), "torch", "float64")
    failed = {r.check: r for r in records if r.status == "fail"}
    assert {"param:w", "param:b", "mistakes"} <= set(failed)
    assert failed["param:w"].detail["first_step_over_tolerance"] == 1


# --- each framework against the reference, through the harness ------------------------------------------

def _case(cid):
    return next(c for c in catalog.all_cases() if c.id == cid)


CHECKS = {"normal_equations": {"param:w", "param:b", "predictions", "loss", "objective"},
          "perceptron": {"score", "param:w", "param:b", "mistakes", "predictions"}}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("cid", ["normal_equations[default]", "normal_equations[multi_output]", "perceptron[default]"])
def test_records_of_the_classic_cases(cid, framework, dtype):
    load_or_skip(framework)
    case = _case(cid)
    records = harness.run_case(case, framework, dtype)
    checks = {r.check: r for r in records}
    assert set(checks) == CHECKS[case.component]
    assert all(r.status == "pass" for r in records), [(r.check, r.max_abs_err, r.note) for r in records
                                                      if r.status != "pass"]
    if case.component == "normal_equations":
        assert all(r.detail["rounding_bound_max"] > 0 for r in records)          # every check has its allowance
    else:
        assert len(checks["param:w"].detail["per_step_max_abs"]) == 48          # 4 epochs of 12
        assert checks["mistakes"].max_abs_err == 0


# --- the boundary ---------------------------------------------------------------------------------------

BAD_CALLS = [
    ("ne-int-x", lambda: normal_equations().fit(np.ones((5, 2), int), np.ones((5, 1))), ["x has dtype int64"]),
    ("ne-1d-y", lambda: normal_equations().fit(*linear()[:1], linear()[1][:, 0]), ["y has shape (20,)", "(N, 1)"]),
    ("ne-rows", lambda: normal_equations().fit(linear()[0], linear()[1][:5]), ["y has shape (5, 1)", "(20, K)"]),
    ("ne-dtype", lambda: normal_equations().fit(linear()[0], linear()[1].astype(np.float32)),
     ["y has dtype float32", "expected float64"]),
    ("ne-nan", lambda: normal_equations().fit(np.full((4, 1), np.nan), np.ones((4, 1))), ["x holds non-finite"]),
    ("ne-singular", lambda: normal_equations().fit(np.c_[linear()[0], linear()[0][:, :1]], linear()[1]),
     ["l2=0.0 is not allowed", "rank 3 < F = 4", "l2 > 0"]),
    ("ne-too-few", lambda: normal_equations().fit(linear()[0][:3], linear()[1][:3]), ["rank 2 < F = 3", "at least 4"]),
    ("p-labels", lambda: perceptron().fit(np.ones((3, 2)), np.array([0.0, 1.0, 1.0]), [np.arange(3)]),
     ["t holds 0.0", "-1 or +1"]),
    ("p-t-shape", lambda: perceptron().fit(np.ones((3, 2)), np.ones((3, 1)), [np.arange(3)]),
     ["t has shape (3, 1)", "expected (3,)"]),
    ("p-order", lambda: perceptron().fit(np.ones((3, 2)), np.ones(3), [np.array([0, 1, 1])]),
     ["orders[0]", "permutation of range(3)"]),
    ("p-no-epochs", lambda: perceptron().fit(np.ones((3, 2)), np.ones(3), []), ["orders=[]", "at least one"]),
    ("p-w0", lambda: perceptron().fit(np.ones((3, 2)), np.ones(3), [np.arange(3)], w0=np.zeros(3)),
     ["w0 has shape (3,)", "expected (2,)"]),
]


@pytest.mark.parametrize("call,words", [pytest.param(c, w, id=i) for i, c, w in BAD_CALLS])
def test_bad_data_is_named(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for w in words:
        assert w in str(info.value), f"{w!r} missing from: {info.value}"


def test_ridge_solves_what_least_squares_cannot():
    """λ > 0 makes XᵀX + λI positive definite: the rank-deficient data above have a ridge solution."""
    x, y = linear()
    got = normal_equations(l2=1.0).fit(np.c_[x, x[:, :1]], y)
    np.testing.assert_allclose(got["w"][0], got["w"][3], rtol=1e-10)    # the duplicated column shares its weight
