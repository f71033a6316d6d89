"""Cases for initializers: which kernel shape is drawn, how many times, and through what.

``setup``: "shape" is the reference kernel shape (*receptive_field, in, out) (default
(256, 128)), "draws" the number of independent draws pooled (default 4: n = 131072 samples),
"via" where the framework's tensor comes from: "tensor" (default), "dense_kernel" or
"dense_bias" (a fresh Dense/Linear layer's parameter). Initializers take no inputs.
"""
from conformance.case import Case

CONV = (3, 3, 16, 32)             # (kh, kw, in, out): fan_in 144, fan_out 288 in every framework


def init(name, kwargs=None, desc="default", note="", **setup):
    return Case(name, "initializer", {}, kwargs or {}, desc=desc, note=note, setup=setup)


CASES = [
    init("zeros"),
    init("zeros", desc="dense_bias", shape=(64, 32), via="dense_bias", draws=4,
         note="a Dense layer's bias: Keras Dense defaults to zeros; torch.nn.Linear does not"),
    init("ones"),
    init("constant"),
    init("constant", {"value": 0.1}, desc="value", note="0.1 is not a float32 number: rounding shows"),
    init("constant", {"value": -12345.678}, desc="large"),
    init("random_normal"),
    init("random_normal", {"mean": 0.5, "std": 0.05}, desc="mean_std"),
    init("random_uniform"),
    init("random_uniform", {"low": -0.05, "high": 0.05}, desc="symmetric"),
    init("truncated_normal"),
    init("truncated_normal", {"std": 0.05}, desc="std_0.05",
         note="torch's default bounds are absolute (±2), far outside ±2·0.05"),
    init("truncated_normal", {"mean": 1.0, "std": 0.5}, desc="shifted"),
    init("glorot_normal"),
    init("glorot_normal", {"truncated": True}, desc="truncated", note="Keras GlorotNormal's distribution"),
    init("glorot_normal", {"gain": 2.0}, desc="gain"),
    init("glorot_normal", desc="conv", shape=CONV, draws=8),
    init("glorot_uniform"),
    init("glorot_uniform", {"gain": 0.5}, desc="gain"),
    init("glorot_uniform", desc="dense_layer", via="dense_kernel",
         note="re-initializing a Dense layer's kernel; torch.nn.Linear's own default is not Glorot"),
    init("glorot_uniform", desc="conv", shape=CONV, draws=8),
    init("he_normal"),
    init("he_normal", {"truncated": True}, desc="truncated", note="Keras HeNormal's distribution"),
    init("he_normal", {"negative_slope": 0.2, "mode": "fan_out"}, desc="slope_fan_out"),
    init("he_normal", desc="conv", shape=CONV, draws=8),
    init("he_uniform"),
    init("he_uniform", {"negative_slope": 0.2, "mode": "fan_out"}, desc="slope_fan_out"),
    init("he_uniform", {"negative_slope": 5 ** 0.5}, desc="torch_linear_default", via="dense_kernel",
         note="torch.nn.Linear's own weight init, kaiming_uniform_(a=√5) = U(±1/√in); "
              "Keras: VarianceScaling(1/3, 'fan_in', 'uniform')"),
    init("lecun_normal"),
    init("lecun_normal", {"truncated": True}, desc="truncated", note="Keras LecunNormal's distribution"),
    init("lecun_uniform"),
    init("lecun_uniform", desc="conv", shape=CONV, draws=8),
    init("orthogonal"),
    init("orthogonal", {"gain": 2.0}, desc="wide_gain", shape=(64, 256), note="in < out: orthonormal rows"),
    init("orthogonal", desc="conv", shape=CONV, draws=8, note="viewed as (kh·kw·in, out) = (144, 32)"),
]
