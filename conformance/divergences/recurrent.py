"""Divergences of the recurrent layers (see the package docstring for the fields).

Measured effects (max |Δ| of the native run, float64) come from ``rosetta check --only 'simple_rnn,lstm,gru'`` on
torch 2.13.0 / Keras 3.15.1 / TF 2.21 (CPU).
"""
from conformance.divergences import Divergence

TORCH_RNN = "torch/nn/modules/rnn.py"
KERAS_RNN = "keras/src/layers/rnn/"


def _one_bias(component: str, keras_class: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="keras",
        what=f"Keras's {keras_class} has one bias",
        framework_value=f"one bias (G·H,) added to x W; no recurrent bias ({effect})",
        reference_value="recurrent_bias=True: b and recurrent_b, as torch's bias_ih_l0 and bias_hh_l0",
        mapping="reference_map: recurrent_bias=False (the builder ignores recurrent_bias; a torch layer with Keras's "
                "one bias holds bias_hh_l0 at 0, case one_bias)",
        reference_map=lambda kw: {**kw, "recurrent_bias": False}, cases=("default",),
        source=KERAS_RNN + f"{component}.py ({keras_class}Cell.build: one bias)",
    )


def _time_major(component: str, effect: str) -> Divergence:
    return Divergence(
        component=component, framework="torch",
        what="torch's recurrent layers are time-major by default",
        framework_value=f"batch_first=False: (N, T, F) read as (T, N, F), the batch mixed into time ({effect})",
        reference_value="batch-first (N, T, F), Keras's only layout",
        mapping="the builder passes batch_first=True", variant="time_major", cases=("sequences",),
        source=TORCH_RNN + " (RNNBase.__init__: batch_first=False)",
    )


DIVERGENCES: list[Divergence] = [
    _one_bias("simple_rnn", "SimpleRNN", "the reference's recurrent_b left out: forward off by 0.40 on the default case, "
                                        "gradients by up to 1.2"),
    _one_bias("lstm", "LSTM", "the reference's recurrent_b left out: forward off by 0.37 on the default case, "
                                  "gradients by up to 0.80"),
    Divergence(
        component="gru", framework="keras",
        what="Keras's GRU(reset_after=False) has one bias",
        framework_value="reset_after=False: one bias (3H,) (reset_after=True: (2, 3H), input and recurrent rows) "
                        "(the reference's recurrent_b left out: forward off by 0.40 on cho)",
        reference_value="recurrent_bias=True: b and recurrent_b",
        mapping="reference_map: recurrent_bias=False where reset_after=False",
        reference_map=lambda kw: {**kw, "recurrent_bias": kw.get("recurrent_bias", True)
                                  and kw.get("reset_after", True)},
        cases=("cho",), source=KERAS_RNN + "gru.py (GRUCell.build: bias_shape = (3H,) unless reset_after)",
    ),
    Divergence(
        component="gru", framework="torch",
        what="torch's GRU has only the reset-after form",
        framework_value="n = tanh(x W_n + b_n + r ⊙ (h U_n + b_hn)) always; reset_after=False (Cho et al., Keras's "
                        "option) cannot be built (forward off by 0.15 on cho, 0.20 on cho_sequences; "
                        "gradients by up to 1.9)",
        reference_value="reset_after=False: n = tanh(x W_h + b_h + (r ⊙ h) U_h + u_h)",
        mapping="none: the cho cases report the residual of torch's form (keras only)",
        irreducible=True, cases=("cho", "cho_sequences"),
        source=TORCH_RNN + " (GRU docstring: n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_(t-1) + b_hn)))",
    ),
    Divergence(
        component="gru", framework="torch",
        what="torch orders the GRU gates r, z, n",
        framework_value="weight_ih_l0 rows: reset, update, new; Keras weights copied by transposing only swap the "
                        "update and reset gates (forward off by 0.52 on the default case, gradients by up to 1.0)",
        reference_value="z, r, h (Keras's order; reference.conventions.RECURRENT_GATES)",
        mapping="layout gru_gates (torch_impl/layout.py) swaps the first two gate blocks",
        variant="keras_gate_order", cases=("default",),
        source=TORCH_RNN + " (GRU docstring: weight_ih_l0 is (W_ir|W_iz|W_in))",
    ),
    Divergence(
        component="lstm", framework="torch",
        what="output[:, -1] of a bidirectional torch RNN is not its last output",
        framework_value="output[:, -1] holds the backward direction after one step (at t = T−1), not its final "
                        "state (at t = 0) (forward off by 0.38 on bidirectional, gradients by up to 0.77)",
        reference_value="each direction's final state, torch's h_n concatenated (Keras Bidirectional's output)",
        mapping="the builder concatenates h_n; native: output[:, -1]", variant="last_step",
        cases=("bidirectional",), source=TORCH_RNN + " (LSTM.forward: output and h_n)",
    ),
    _time_major("simple_rnn", "forward off by 1.4 on sequences, gradients by up to 3.8"),
    _time_major("lstm", "forward off by 0.66 on sequences, gradients by up to 2.7"),
    _time_major("gru", "forward off by 1.2 on sequences, gradients by up to 3.1"),
]
