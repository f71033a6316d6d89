"""Cases for elementwise activations (one input element -> one output element).

Per component: "default" (reference defaults, N(0, σ) inputs), non-default arguments,
"kink" (exact values at the kinks, gradcheck=False where a step crosses the kink: the
frameworks' gradient conventions there are compared), and "extremes" (|x| up to 1e4, past the
float32 and float64 overflow points of exp; finite differences on where they pass, see
``_extremes``; tests/test_gradcheck.py checks that every gradcheck=False case needs it).
"""
from conformance.case import Case
from conformance.inputs import normal, uniform, values
from conformance.tolerances import Measured, Override

# Past exp's overflow in float32 (88.7) and float64 (709.8), torch's softplus threshold (20),
# the point where σ rounds to 1 in float64 (36.7), and tiny |x|. Every value is finite in float32.
EXTREMES = values([-1e4, -1e3, -745.0, -710.0, -100.0, -89.0, -40.0, -37.0, -20.5, -15.0, -5.0, -1.0, -1e-3,
                   1e-3, 1.0, 5.0, 15.0, 20.5, 37.0, 40.0, 89.0, 100.0, 710.0, 745.0, 1e3, 1e4], shape=(2, 13))
EXTREMES_NOTE = "|x| up to 1e4; the reference is finite and accurate there"
FD_ROUNDOFF = ("gradcheck off: central differences measure 1.8e-7 to 3.5e-7 here, above the 1e-7 limit, from the "
               "round-off of f = Σ y·dy at |y| ~ 1e4")
# Signed zeros and values on both sides, for the value at x = 0 of step and sign.
AROUND_ZERO = values([-3.0, -1.5, -1e-3, -0.0, 0.0, 1e-3, 0.25, 2.0])
KINK = "exact value on the kink: the frameworks' gradient convention there is compared"

def _extremes(component, desc="extremes", tolerance=None, fd=True, **kwargs):
    """``fd=False`` where finite differences fail on these values (tests/test_gradcheck.py checks it)."""
    return Case(component, "activation", {"x": EXTREMES}, kwargs, desc=desc, gradcheck=fd,
                note=EXTREMES_NOTE if fd else f"{EXTREMES_NOTE}; {FD_ROUNDOFF}", tolerance=tolerance or {})


CASES = [
    Case("identity", "activation", {"x": normal(8, 6, scale=2.0)}),

    Case("step", "activation", {"x": AROUND_ZERO}, note="forward only: the gradient is 0"),
    Case("step", "activation", {"x": AROUND_ZERO}, {"value_at_zero": 0.5}, desc="half_at_zero"),
    Case("step", "activation", {"x": AROUND_ZERO}, {"value_at_zero": 0.1}, desc="inexact_at_zero",
         note="0.1 is not a float32 number: shows whether a framework rounds it"),
    Case("step", "activation", {"x": normal(8, 6)}, desc="normal"),

    Case("sign", "activation", {"x": AROUND_ZERO}, note="forward only: the gradient is 0"),
    Case("sign", "activation", {"x": AROUND_ZERO}, {"value_at_zero": -1.0}, desc="minus_at_zero"),
    Case("sign", "activation", {"x": AROUND_ZERO}, {"value_at_zero": 0.0}, desc="zero_at_zero",
         note="the mathematical sign, as torch.sign / tf.sign"),
    Case("sign", "activation", {"x": normal(8, 6)}, desc="normal"),

    Case("sigmoid", "activation", {"x": normal(8, 6, scale=3.0)}),
    _extremes("sigmoid"),
    Case("sigmoid", "activation", {"x": uniform(8, 6, low=9.0, high=35.0)}, desc="saturated", setup={"dy_scale": 1e6},
         gradcheck=False,
         note="finite differences cannot resolve σ′(x) = e^{−x}-small slopes against σ's rounding near 1; "
              "saturated inputs, where 1 − σ(x) keeps only the digits σ(x) has left; an upstream gradient of 1e6 "
              "makes the derivative's rounding visible against the table's atol (a saturated model's gradients "
              "are judged at their own size)"),

    Case("tanh", "activation", {"x": normal(8, 6, scale=2.0)}),
    _extremes("tanh"),

    Case("relu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("relu", "activation", {"x": values([-2.0, -0.5, 0.0, 0.5, 2.0])}, desc="kink", gradcheck=False,
         note="exact zero: both frameworks and the reference take relu'(0) = 0"),
    _extremes("relu", fd=False),

    Case("leaky_relu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("leaky_relu", "activation", {"x": normal(8, 6, scale=2.0)}, {"negative_slope": 0.2}, desc="slope_0.2"),
    Case("leaky_relu", "activation", {"x": values([-2.0, -0.5, 0.0, 0.5, 2.0])}, desc="kink", gradcheck=False,
         note=f"{KINK}; all take the slope at 0"),
    Case("leaky_relu", "activation", {"x": normal(8, 6, scale=1e3)}, desc="wide",
         note="|x| ~ 1e3 makes a rounded slope visible"),

    Case("elu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("elu", "activation", {"x": normal(8, 6, scale=2.0)}, {"alpha": 0.5}, desc="alpha_0.5"),
    Case("elu", "activation", {"x": values([-1.0, -1e-3, 0.0, 1e-3, 1.0])}, {"alpha": 0.5}, desc="kink",
         gradcheck=False, note=f"{KINK}; α ≠ 1 makes x = 0 a kink; all take α"),
    _extremes("elu"),
    _extremes("elu", desc="extremes_alpha_0.1", alpha=0.1),

    Case("selu", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("selu", "activation", {"x": values([-1.0, -1e-3, 0.0, 1e-3, 1.0])}, desc="kink", gradcheck=False,
         note=f"{KINK}; λα (grad_at_zero='left') in torch, λ ('right') in tf.nn.selu"),
    Case("selu", "activation", {"x": values([-1e-20, -1e-18, -1e-30, -1e-3, 1e-3])}, desc="tiny_negative",
         gradcheck=False,
         note="−5.6e-17 < x < 0 (−3e-8 in float32): tf.nn.selu's exp(x) − 1 rounds to 0, so Keras's output is 0 "
              "and its gradient λ instead of λα; gradcheck off (steps of 1e-6 cross the kink)"),
    _extremes("selu", fd=False),

    Case("softplus", "activation", {"x": normal(8, 6, scale=3.0)}),
    Case("softplus", "activation", {"x": normal(8, 6, scale=3.0)}, {"beta": 2.0}, desc="beta_2"),
    Case("softplus", "activation", {"x": normal(8, 6, scale=3.0)}, {"beta": 0.3}, desc="beta_0.3"),
    Case("softplus", "activation", {"x": values([15.0, 19.0, 20.0, 20.5, 22.0, 25.0, 30.0, 35.0, 37.0, 39.0, 41.0, 45.0])},
         desc="near_threshold", note="around torch's threshold (20) and where σ(x) rounds to 1 in float64 (36.7)"),
    Case("softplus", "activation", {"x": values([8.0, 10.0, 10.5, 12.0, 15.0, 18.0, 20.0, 22.0])}, {"beta": 2.0},
         desc="near_threshold_beta_2", note="torch compares β·x with the threshold"),
    _extremes("softplus", fd=False),

    Case("hard_tanh", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("hard_tanh", "activation", {"x": normal(8, 6)}, {"min_val": -0.3, "max_val": 0.7}, desc="bounds"),
    Case("hard_tanh", "activation", {"x": values([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0])}, desc="kink",
         gradcheck=False, note=f"{KINK}; 0 (grad_at_bounds=0.0) in torch.nn.Hardtanh, 1 in tf.clip_by_value"),
    Case("hard_tanh", "activation", {"x": values([-1.0, -0.3, 0.0, 0.7, 1.0])}, {"min_val": -0.3, "max_val": 0.7},
         desc="kink_bounds", gradcheck=False, note=f"{KINK}; bounds that are not float32 numbers"),

    Case("hard_sigmoid", "activation", {"x": normal(8, 6, scale=3.0)}),
    Case("hard_sigmoid", "activation", {"x": values([-4.0, -3.0, -1.0, 0.0, 1.0, 3.0, 4.0])}, desc="kink",
         gradcheck=False, note=f"{KINK}; all take 0 at x = ±3"),

    Case("abs", "activation", {"x": normal(8, 6, scale=2.0)}),
    Case("abs", "activation", {"x": values([-2.0, -0.5, -0.0, 0.0, 0.5, 2.0])}, desc="kink",
         note=f"{KINK}; all take sign(0) = 0 (central differences agree: |x| is symmetric at 0)"),

    Case("gelu", "activation", {"x": normal(8, 6, scale=3.0)}),
    Case("gelu", "activation", {"x": normal(8, 6, scale=3.0)}, {"approximate": "tanh"}, desc="tanh"),
    _extremes("gelu", fd=False),
    _extremes("gelu", desc="extremes_tanh", approximate="tanh", fd=False, tolerance={
        "keras:float32": Override(
            rtol=1e-5, atol=3e-6,
            reason="at x = ±5, tanh(u) (u = ±8.45) rounds to ±1 in float32, so the autodiff factor "
                   "1 − tanh²(u) in Keras's tanh-GELU is 0; the true slope there is ±1.55e-6 (× |dy|): "
                   "measured 2.1e-6", checks=("grad_input",), measured=(Measured(2.1, 0.7, "Intel(R) Xeon(R) Processor, AVX-512, 2 cores"),))}),

    Case("silu", "activation", {"x": normal(8, 6, scale=3.0)}),
    _extremes("silu"),
]
