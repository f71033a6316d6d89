"""Cases for the recurrent layers: x (N, T, F) = (3, 5, 4), H = 4 units."""
from conformance.case import Case
from conformance.inputs import normal

X = {"x": normal(3, 5, 4)}
SIZES = {"in_features": 4, "units": 4}


def _cases(component: str) -> list[Case]:
    return [
        Case(component, "layer", X, dict(SIZES), note="the last output (N, H): return_sequences=False, Keras's default"),
        Case(component, "layer", X, {**SIZES, "return_sequences": True}, desc="sequences",
             note="every step's output (N, T, H): the gradient enters all T outputs"),
        Case(component, "layer", X, {**SIZES, "bidirectional": True}, desc="bidirectional",
             note="(N, 2H): the forward direction's final state, then the backward's (its final state is at t = 0)"),
        Case(component, "layer", X, {**SIZES, "bidirectional": True, "return_sequences": True},
             desc="bidirectional_sequences", note="(N, T, 2H), the backward direction time-aligned"),
        Case(component, "layer", X, {**SIZES, "return_sequences": True, "initial_state": "learned"},
             desc="initial_state", note="learned initial state(s) (H,), broadcast over the batch, with gradients"),
        Case(component, "layer", X, {**SIZES, "bidirectional": True, "initial_state": "learned"},
             desc="bidirectional_initial_state", note="one learned initial state per direction"),
    ]


CASES = [
    *_cases("simple_rnn"),
    Case("simple_rnn", "layer", X, {**SIZES, "return_sequences": True, "recurrent_bias": False}, desc="one_bias",
         note="Keras's one bias; torch's bias_hh_l0 held at 0"),
    *_cases("lstm"),
    Case("lstm", "layer", X, {**SIZES, "return_sequences": True, "recurrent_bias": False}, desc="one_bias",
         note="Keras's one bias; torch's bias_hh_l0 held at 0"),
    Case("lstm", "layer", {"x": normal(3, 5, 4, scale=3.0)}, {**SIZES, "return_sequences": True}, desc="saturated",
         note="inputs of scale 3: gates near 0 and 1, the cell state grows"),
    *_cases("gru"),
    Case("gru", "layer", X, {**SIZES, "reset_after": False}, desc="cho",
         note="reset_after=False (Cho et al.): the reset gate before the recurrent product; Keras only"),
    Case("gru", "layer", X, {**SIZES, "reset_after": False, "return_sequences": True, "initial_state": "learned"},
         desc="cho_sequences", note="reset_after=False with every output and a learned initial state"),
]
