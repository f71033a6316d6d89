"""Recurrent layers (simple_rnn, lstm, gru): the reference against a scalar loop written here from the papers'
equations, the bidirectional and initial-state conventions, torch's GRU gate order, Keras's fresh-layer
initialization, the float32 rounding bound, and bad arguments. Gradients: tests/test_gradcheck.py over the catalog."""
import itertools
import math

import numpy as np
import pytest

import reference
from conformance.recurrent_bounds import recurrent as recurrent_bound
from reference.conventions import RECURRENT_GATES

N, T, F, H = 2, 4, 3, 3


def _sig(a):
    return 1 / (1 + math.exp(-a))


def naive(name, x, p, reset_after=True, h0=None, c0=None):
    """Every output h[n][t][j] by scalar loops: gate k of unit j is column k·H + j (RECURRENT_GATES)."""
    W, U, b = p["W"], p["U"], p["b"]
    rb = p.get("recurrent_b", np.zeros_like(b))
    gate = {g: k for k, g in enumerate(RECURRENT_GATES[name])}
    out = np.zeros((x.shape[0], x.shape[1], H))
    for n in range(x.shape[0]):
        h = [0.0] * H if h0 is None else list(h0)
        c = [0.0] * H if c0 is None else list(c0)

        def pre(g, j, hv, with_rb=True):
            col = gate[g] * H + j
            return (sum(x[n, t, i] * W[i, col] for i in range(F)) + b[col]
                    + sum(hv[m] * U[m, col] for m in range(H)) + (rb[col] if with_rb else 0.0))

        for t in range(x.shape[1]):
            if name == "simple_rnn":
                h = [math.tanh(pre("h", j, h)) for j in range(H)]
            elif name == "lstm":
                i_, f_, o_ = ([_sig(pre(g, j, h)) for j in range(H)] for g in "ifo")
                g_ = [math.tanh(pre("c", j, h)) for j in range(H)]
                c = [f_[j] * c[j] + i_[j] * g_[j] for j in range(H)]
                h = [o_[j] * math.tanh(c[j]) for j in range(H)]
            else:
                z = [_sig(pre("z", j, h)) for j in range(H)]
                r = [_sig(pre("r", j, h)) for j in range(H)]
                col = [2 * H + j for j in range(H)]
                xh = [sum(x[n, t, i] * W[i, col[j]] for i in range(F)) + b[col[j]] for j in range(H)]
                if reset_after:
                    uh = [sum(h[m] * U[m, col[j]] for m in range(H)) + rb[col[j]] for j in range(H)]
                    cand = [math.tanh(xh[j] + r[j] * uh[j]) for j in range(H)]
                else:
                    cand = [math.tanh(xh[j] + sum(r[m] * h[m] * U[m, col[j]] for m in range(H)) + rb[col[j]])
                            for j in range(H)]
                h = [z[j] * h[j] + (1 - z[j]) * cand[j] for j in range(H)]
            out[n, t] = h
    return out


def _layer(name, **kw):
    return reference.get("layer", name)(in_features=F, units=H, **kw)


def _draw(layer, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((N, T, F)), layer.init_params(rng, F)


@pytest.mark.parametrize("name,reset_after", [("simple_rnn", True), ("lstm", True), ("gru", True), ("gru", False)])
def test_forward_matches_the_scalar_equations(name, reset_after):
    kw = {"reset_after": reset_after} if name == "gru" else {}
    layer = _layer(name, return_sequences=True, initial_state="learned", **kw)
    x, p = _draw(layer)
    y, _ = layer.forward(x, p)
    want = naive(name, x, p, reset_after, h0=p["h0"], c0=p.get("c0"))
    np.testing.assert_allclose(y, want, rtol=1e-12, atol=1e-13)
    last = _layer(name, **kw)
    p_last = {k: v for k, v in p.items() if k[:2] not in ("h0", "c0")}
    np.testing.assert_allclose(last.forward(x, p_last)[0], naive(name, x, p_last, reset_after)[:, -1], atol=1e-13)


@pytest.mark.parametrize("name", ["simple_rnn", "lstm", "gru"])
def test_bidirectional_is_a_forward_and_a_time_reversed_layer(name):
    for rs in (True, False):
        bi = _layer(name, bidirectional=True, return_sequences=rs, initial_state="learned")
        x, p = _draw(bi)
        uni = _layer(name, return_sequences=True, initial_state="learned")
        fwd = uni.forward(x, {k: v for k, v in p.items() if not k.endswith("_reverse")})[0]
        bwd = uni.forward(x[:, ::-1].copy(), {k[:-len("_reverse")]: v for k, v in p.items() if k.endswith("_reverse")})[0]
        y = bi.forward(x, p)[0]
        if rs:
            np.testing.assert_allclose(y, np.concatenate([fwd, bwd[:, ::-1]], axis=-1), atol=1e-15)
        else:   # each direction's final state: the backward one's is at t = 0
            np.testing.assert_allclose(y, np.concatenate([fwd[:, -1], bwd[:, -1]], axis=-1), atol=1e-15)
        assert y.shape == bi.output_shape(x.shape)


@pytest.mark.parametrize("name", ["simple_rnn", "lstm", "gru"])
def test_learned_initial_state_is_shared_by_the_batch(name):
    layer = _layer(name, return_sequences=True, initial_state="learned")
    x, p = _draw(layer)
    y, cache = layer.forward(x, p)
    dy = np.random.default_rng(1).standard_normal(y.shape)
    _, g = layer.backward(dy, cache)
    per_sample = [layer.backward(dy[n:n + 1], layer.forward(x[n:n + 1], p)[1])[1] for n in range(N)]
    for s in layer.states:
        assert p[f"{s}0"].shape == (H,)
        np.testing.assert_allclose(g[f"{s}0"], sum(q[f"{s}0"] for q in per_sample), atol=1e-14)
    zeros = _layer(name, return_sequences=True)
    q = {k: v for k, v in p.items() if k[:2] not in ("h0", "c0")}
    q_learned = {**q, **{f"{s}0": np.zeros(H) for s in layer.states}}
    np.testing.assert_array_equal(zeros.forward(x, q)[0], layer.forward(x, q_learned)[0])


def test_parameter_names_and_shapes():
    gru = _layer("gru", bidirectional=True, initial_state="learned")
    assert gru.param_shapes(F) == {
        "W": (F, 3 * H), "U": (H, 3 * H), "b": (3 * H,), "recurrent_b": (3 * H,), "h0": (H,),
        "W_reverse": (F, 3 * H), "U_reverse": (H, 3 * H), "b_reverse": (3 * H,), "recurrent_b_reverse": (3 * H,),
        "h0_reverse": (H,)}
    lstm = _layer("lstm", recurrent_bias=False, initial_state="learned")
    assert lstm.param_shapes(F) == {"W": (F, 4 * H), "U": (H, 4 * H), "b": (4 * H,), "h0": (H,), "c0": (H,)}
    assert _layer("simple_rnn", return_sequences=True, bidirectional=True).output_shape((N, T, F)) == (N, T, 2 * H)
    assert _layer("simple_rnn").output_shape((N, T, F)) == (N, H)


def test_one_recurrent_bias_is_the_sum_of_two_except_in_the_reset_after_gru():
    for name, kw in (("simple_rnn", {}), ("lstm", {}), ("gru", {"reset_after": False}), ("gru", {"reset_after": True})):
        two = _layer(name, return_sequences=True, **kw)
        x, p = _draw(two)
        one = _layer(name, return_sequences=True, recurrent_bias=False, **kw)
        merged = {k: v for k, v in p.items() if k != "recurrent_b"} | {"b": p["b"] + p["recurrent_b"]}
        same = np.allclose(one.forward(x, merged)[0], two.forward(x, p)[0], atol=1e-14)
        assert same == (kw.get("reset_after") is not True), (name, kw)   # r ⊙ (h U_h + u_h): u_h is gated


@pytest.mark.parametrize("kwargs,words", [
    ({"units": 0}, ["units=0", ">= 1"]),
    ({"return_sequences": "yes"}, ["return_sequences='yes'", "True or False"]),
    ({"initial_state": "random"}, ["initial_state='random'", "'zeros'", "'learned'"]),
    ({"bidirectional": 1}, ["bidirectional=1", "True or False"]),
])
def test_bad_arguments_are_named(kwargs, words):
    for name in ("simple_rnn", "lstm", "gru"):
        with pytest.raises(ValueError) as info:
            reference.get("layer", name)(**{"in_features": F, "units": H, **kwargs})
        assert all(w in str(info.value) for w in words), str(info.value)


def test_forward_rejects_inputs_that_are_not_n_t_f():
    layer = _layer("lstm")
    p = layer.init_params(np.random.default_rng(0), F)
    for shape in ((N, F), (N, T, F + 1)):
        with pytest.raises(ValueError, match=r"expected \(N, T, in_features=3\)"):
            layer.forward(np.zeros(shape), p)


# --- the float32 allowance (conformance/recurrent_bounds.py) ---------------------------------------------------------

CONFIGS = [(name, rs, bi) for name, rs, bi in itertools.product(("simple_rnn", "lstm", "gru"), (True, False), (True, False))]


@pytest.mark.parametrize("name,rs,bi", CONFIGS)
def test_float32_stays_within_half_the_allowance(name, rs, bi):
    """The reference in float32 is one implementation: within one bound (half the allowance) of the exact value."""
    layer = _layer(name, return_sequences=rs, bidirectional=bi, initial_state="learned")
    rng = np.random.default_rng(3)
    x, p = 2 * rng.standard_normal((N, T, F)), layer.init_params(rng, F)
    y, cache = layer.forward(x, p)
    dy = rng.standard_normal(y.shape)
    dx, g = layer.backward(dy, cache)
    x32, p32 = x.astype(np.float32), {k: v.astype(np.float32) for k, v in p.items()}
    y64, c64 = layer.forward(x32.astype(np.float64), {k: v.astype(np.float64) for k, v in p32.items()})
    dx64, g64 = layer.backward(dy.astype(np.float32).astype(np.float64), c64)
    y32, c32 = layer.forward(x32, p32)
    dx32, g32 = layer.backward(dy.astype(np.float32), c32)
    bound = recurrent_bound(layer, x32, p32, dy.astype(np.float32), "float32")
    pairs = {"forward": (y32, y64), "grad_input": (dx32, dx64), **{f"grad_param:{k}": (g32[k], g64[k]) for k in g}}
    assert set(pairs) == set(bound)
    for check, (got, want) in pairs.items():
        assert np.all(np.abs(got - want) <= bound[check] / 2), check


def test_the_allowance_is_small_against_a_gate_mix_up():
    """Swapping GRU's z and r blocks (torch's order read as Keras's) is far outside the allowance."""
    layer = _layer("gru", return_sequences=True)
    x, p = _draw(layer)
    x32, p32 = x.astype(np.float32), {k: v.astype(np.float32) for k, v in p.items()}
    y = layer.forward(x32, p32)[0]
    swap = lambda a: np.concatenate([a[..., H:2 * H], a[..., :H], a[..., 2 * H:]], axis=-1)  # noqa: E731
    y_swapped = layer.forward(x32, {k: swap(v) if k != "h0" else v for k, v in p32.items()})[0]
    bound = recurrent_bound(layer, x32, p32, np.ones_like(y), "float32")["forward"]
    assert np.max(bound) < 1e-4 and np.max(np.abs(y_swapped - y)) > 100 * np.max(bound)


# --- framework conventions ---------------------------------------------------------------------------------------------

def test_torch_gru_gate_layout_swaps_update_and_reset():
    torch = pytest.importorskip("torch")
    from torch_impl.layout import from_torch, to_torch
    gru = torch.nn.GRU(F, H, batch_first=True)
    W = np.arange(F * 3 * H, dtype=np.float64).reshape(F, 3 * H)
    Wt = to_torch("gru_gates", W)
    assert Wt.shape == tuple(gru.weight_ih_l0.shape)
    np.testing.assert_array_equal(Wt[:H], W[:, H:2 * H].T)          # torch's first block: r, the reference's second
    np.testing.assert_array_equal(Wt[H:2 * H], W[:, :H].T)          # then z
    np.testing.assert_array_equal(from_torch("gru_gates", Wt), W)
    np.testing.assert_array_equal(from_torch("gru_gates", to_torch("gru_gates", W[0])), W[0])


def test_a_fresh_keras_lstm_starts_with_forget_bias_one_and_torch_does_not():
    """unit_forget_bias=True (Keras's default) sets the forget-gate block of a new layer's bias to 1; torch draws every
    bias from U(±1/√H). The harness loads every weight, so only a freshly built layer shows it."""
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    layer = keras.layers.LSTM(H)
    layer.build((None, T, F))
    bias = layer.cell.bias.numpy()
    np.testing.assert_array_equal(bias[H:2 * H], 1.0)
    np.testing.assert_array_equal(np.delete(bias, np.s_[H:2 * H]), 0.0)
    lstm = torch.nn.LSTM(F, H)
    assert np.all(np.abs(lstm.bias_ih_l0.detach().numpy()) <= 1 / math.sqrt(H))
