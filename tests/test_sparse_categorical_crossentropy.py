"""Sparse categorical cross-entropy on probabilities: values and gradients against 50-digit
arithmetic (tiny, zero and unnormalised probabilities; clipping; renormalising), and the label
draws the catalog's rows were written for."""
from decimal import Decimal, getcontext

import numpy as np
import pytest

import reference
from conformance import catalog
from conformance.cases.losses import (SPARSE_EDGE_LABELS, SPARSE_EDGE_ROWS, SPARSE_ZERO_EPS_LABELS,
                                      SPARSE_ZERO_LABELS, SPARSE_ZERO_ROWS)
from conformance.inputs import draw

getcontext().prec = 50
ULPS = 8
NAME = "sparse_categorical_crossentropy"


def exact(p: list[float], k: int, lo: float, hi: float, renormalize: bool) -> tuple[Decimal, list[Decimal]]:
    """ℓ and dℓ/dp: q̃ = clip(p, lo, hi), ℓ = −ln q̃_k (+ ln Σq̃); the clip passes no gradient outside."""
    lo, hi = Decimal(lo), Decimal(hi)
    q = [min(max(Decimal(v), lo), hi) for v in p]
    inside = [lo <= Decimal(v) <= hi for v in p]
    total = sum(q)
    value = -q[k].ln() + (total.ln() if renormalize else 0)
    grad = [(Decimal(1) / total if renormalize else Decimal(0)) - (1 / q[k] if c == k else 0) for c in range(len(p))]
    return value, [g if inside[c] else Decimal(0) for c, g in enumerate(grad)]


def _check(p: np.ndarray, k: np.ndarray, eps: float, renormalize: bool):
    loss = reference.get("loss", NAME)(reduction="none", eps=eps, renormalize=renormalize)
    values, cache = loss.forward(p, k)
    grad = loss.backward(np.ones_like(values), cache)
    assert values.dtype == grad.dtype == p.dtype
    bounds = float(np.asarray(eps, p.dtype)), float(np.asarray(1.0 - eps, p.dtype))   # rounded as the reference does
    tol = Decimal(ULPS * float(np.finfo(p.dtype).eps))
    for n in range(len(p)):
        want, want_grad = exact([float(v) for v in p[n]], int(k[n]), *bounds, renormalize)
        assert abs(Decimal(float(values[n])) - want) <= tol * abs(want) + Decimal(1e-300), (n, values[n], want)
        for c in range(p.shape[1]):
            assert abs(Decimal(float(grad[n, c])) - want_grad[c]) <= tol * abs(want_grad[c]), (n, c, grad[n, c])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("renormalize", [False, True])
def test_tiny_probabilities_are_exact(renormalize, dtype):
    _check(np.array(SPARSE_EDGE_ROWS, dtype=dtype), np.array(SPARSE_EDGE_LABELS), 0.0, renormalize)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("eps", [0.0, 0.05])
def test_unnormalised_rows_renormalised_after_clipping(eps, dtype):
    """Keras's order: clip, then renormalise (tf_impl/losses/sparse_categorical_crossentropy.py)."""
    rng = np.random.default_rng(3)
    p = rng.uniform(0.01, 1.0, (6, 4)).astype(dtype)
    _check(p, rng.integers(0, 4, 6), eps, renormalize=True)
    _check(p, rng.integers(0, 4, 6), eps, renormalize=False)


def test_zero_probabilities():
    """A zero label probability: inf, and −inf at the label. A zero elsewhere: gradient 1/Σp
    renormalised (0 without), not the 0·(1/0) = NaN the frameworks' autodiff gives."""
    p, k = np.array(SPARSE_ZERO_ROWS), np.array(SPARSE_ZERO_LABELS)
    for renormalize in (False, True):
        loss = reference.get("loss", NAME)(reduction="none", renormalize=renormalize)
        values, cache = loss.forward(p, k)
        grad = loss.backward(np.ones(len(p)), cache)
        at_label = p[np.arange(len(p)), k]
        assert np.array_equal(np.isinf(values), at_label == 0)
        assert np.all(grad[np.arange(len(p)), k][at_label == 0] == -np.inf)
        assert not np.any(np.isnan(grad))
        off_label = np.ones(p.shape, bool)
        off_label[np.arange(len(p)), k] = False
        want = np.broadcast_to(1 / p.sum(-1, keepdims=True), p.shape) if renormalize else np.zeros(p.shape)
        np.testing.assert_array_equal(grad[off_label], want[off_label])


@pytest.mark.parametrize("desc,want", [("edges", SPARSE_EDGE_LABELS), ("zeros", SPARSE_ZERO_LABELS),
                                       ("zeros_eps", SPARSE_ZERO_EPS_LABELS)])
def test_catalog_rows_were_written_for_the_drawn_labels(desc, want):
    case = next(c for c in catalog.all_cases() if c.id == f"{NAME}[{desc}]")
    rng = np.random.default_rng(case.seed)
    draw(case.inputs["y_pred"], rng, "float64")
    assert draw(case.inputs["y_true"], rng, "float64").tolist() == want
