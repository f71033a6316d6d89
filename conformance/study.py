"""Examples three ways: each example network written by hand and with each framework's high-level API,
every way run by the harness and checked against the reference.

An example (``EXAMPLES``) is data: its network (a module of the "example" family, the same file name in
``reference/examples/``, ``torch_impl/examples/`` and ``tf_impl/examples/``), its data set, sizes and
hyperparameters. The ways (``WAYS``) are the functions those modules register: the reference's function
is the NumPy way, a framework's registered builder its by-hand way and its variants the high-level ways.
Every way of a network takes the same arguments and returns the same thing:

    way(x, y, params, *, orders, batch_size, **hyperparameters) -> {"losses": [...], "weights": {...}}

x (N, F) and y the data; ``params`` the initial weights in the reference's layout (W (in, out), b (out,)),
named as the network's module names them; ``orders`` one permutation of range(N) per epoch (the shared
sample order); ``losses`` each epoch's mean batch loss (the batches weighted by their size, as Keras's
``fit`` reports it); ``weights`` the trained parameters, same names and layout.

``inputs(name, dtype)`` draws what every way gets, from the example's case (``case(name)``, family
"example", component the network, desc the example's name): one generator draws the data, the initial
weights (the reference model's ``init_params``) and each epoch's order, as for a model case.
``source(way)`` is the code shown (``inspect.getsource`` of the function the harness calls) and
``notebook(name)`` the example as a Jupyter notebook built from the same functions.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from conformance.case import Case

ROOT = Path(__file__).resolve().parent.parent

# The learning path, in order: an example's ``step`` is one of these.
STEPS = ("neuron_perceptron", "linear_logistic", "softmax", "mlp_backprop", "losses", "optimizers",
         "initialization", "regularization", "dropout_batch_norm")


@dataclass(frozen=True)
class WaySpec:
    """Where a way lives: the framework's registry entry for the network (``variant`` "": its builder,
    the by-hand way; else that named variant)."""
    key: str
    label: str
    framework: str          # "reference" | "torch" | "keras"
    variant: str = ""


WAYS = (
    WaySpec("numpy_by_hand", "NumPy, by hand", "reference"),
    WaySpec("torch_by_hand", "PyTorch, autograd by hand", "torch"),
    WaySpec("torch_high_level", "PyTorch, nn.Sequential + torch.optim", "torch", "high_level"),
    WaySpec("tf_by_hand", "TensorFlow, GradientTape + assign_sub", "keras"),
    WaySpec("keras_sequential", "Keras, Sequential + compile/fit", "keras", "sequential"),
    WaySpec("keras_functional", "Keras, functional API + compile/fit", "keras", "functional"),
)
WAY_KEYS = tuple(w.key for w in WAYS)


@dataclass(frozen=True)
class Example:
    name: str                       # "xor", matches examples/<name>.toml where one exists
    title: str                      # "XOR with a 2-2-1 network"
    teaches: str                    # one paragraph, Markdown allowed
    spec: str | None                # "examples/xor.toml" (repo-relative) or None
    components: tuple[str, ...]     # catalog components it uses, "family/name"
    step: str                       # a key of STEPS
    network: str = ""               # the "example" component: reference/examples/<network>.py, ...
    # The reference model the ways are checked against, and the training every way runs:
    #   layers (a Sequential's (name, kwargs) pairs), loss and optimizer ((name, kwargs)), data ((name, kwargs)
    #   of reference/models/datasets.py), batch_size (None: full batch), epochs, shuffle; or model "perceptron"
    #   (reference/models/perceptron.py, trained by its rule) with online=True (no batch_size argument).
    #   run: how the reference runs (conformance/checkers/example.py, RUNS): "fit" (the default), "perceptron",
    #   "forward" (the Sequential's forward pass at the weights ``init`` gives, no epochs: the ways return
    #   "outputs" and "loss"; exact=True: the outputs must equal y exactly) or "solve" (model
    #   "normal_equations", no initial weights and no epochs: the ways return the solution's "weights")
    setup: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)          # the network's parameter name -> the reference model's
    hyper: dict = field(default_factory=dict)          # the ways' keyword arguments besides orders, batch_size
    # way key -> reference optimizer kwargs for that way's own convention (Adam's epsilon placement)
    conventions: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)        # way key -> why this example has no such way
    skip_dtypes: dict = field(default_factory=dict)    # dtype -> why the harness does not judge it there
    # ways whose framework layers draw their own dropout masks (nn.Dropout, keras.layers.Dropout): they get
    # ``seed`` instead of ``masks``, return the masks they drew ("masks") and are checked against the
    # reference trained with those
    own_masks: tuple = ()
    labels: dict = field(default_factory=dict)         # way key -> its label here, where WAYS's does not fit


@dataclass(frozen=True)
class Way:
    key: str                # a key of WAYS
    label: str
    framework: str          # "reference" | "torch" | "keras"
    function: Callable      # the function the harness calls
    own_masks: bool = False  # draws its own dropout masks from a seed (``Example.own_masks``)


def _components(setup: dict) -> tuple[str, ...]:
    """The catalog components a setup uses, "family/name", in order, once each."""
    from reference.models.sequential import family_of
    if "model" in setup:            # a classic algorithm (a learning rule, a closed form): its own component
        return (f"model/{setup['model']}",)
    out = [f"{family_of(name)}/{name}" for name, _ in setup.get("layers", ())]
    out += [f"{family}/{setup[family][0]}" for family in ("loss", "optimizer") if family in setup]
    return tuple(dict.fromkeys(out))


def _spec(name: str) -> str | None:
    path = f"examples/{name}.toml"
    return path if (ROOT / path).exists() else None


def _example(name: str, title: str, teaches: str, step: str, network: str, setup: dict, names: dict,
             hyper: dict, **extra) -> Example:
    if step not in STEPS:
        raise ValueError(f"example {name}: step={step!r} is not allowed: expected one of {', '.join(STEPS)}")
    return Example(name, title, teaches, _spec(name), _components(setup), step, network, setup, names, hyper,
                   **extra)


def _two_layer(hidden: int) -> dict:
    return {"layers": [("dense", {"units": hidden}), ("tanh", {}), ("dense", {"units": 1}), ("sigmoid", {})]}


TWO_LAYER_NAMES = {"W1": "0.W", "b1": "0.b", "W2": "2.W", "b2": "2.b"}


def _relu_mlp(widths: list[int], link: str) -> dict:
    """Dense layers of these widths with ReLU between them and ``link`` ("sigmoid" or "softmax": none, the
    loss takes the logits) after the last."""
    layers = [entry for w in widths[:-1] for entry in (("dense", {"units": w}), ("relu", {}))]
    return {"layers": layers + [("dense", {"units": widths[-1]})] + ([("sigmoid", {})] if link == "sigmoid" else [])}


def _relu_mlp_names(depth: int) -> dict:
    """W1, b1, ... -> the Sequential's dense layers, every other entry: "0.W", "0.b", "2.W", ..."""
    return {f"{k}{i}": f"{2 * (i - 1)}.{k}" for i in range(1, depth + 1) for k in "Wb"}


KERAS_NO_SOLVE = ("Keras has no closed-form or least-squares estimator: a Keras model is trained by gradient "
                  "descent (the linear_regression example); TensorFlow's solve is the tf_by_hand way")

# SGD's momentum buffer: PyTorch's form (and the NumPy way's) sums raw gradients, Keras's sums steps
MOMENTUM_FORMS = {**{k: {"momentum_form": "gradient"} for k in ("numpy_by_hand", "torch_by_hand", "torch_high_level")},
                  **{k: {"momentum_form": "step"} for k in ("tf_by_hand", "keras_sequential", "keras_functional")}}
LINEAR_NAMES = {"W": "0.W", "b": "0.b"}

EXAMPLES: dict[str, Example] = {e.name: e for e in (
    _example("xor", "XOR with a 2-2-1 network",
             "The smallest problem one layer cannot solve: two tanh hidden units and a sigmoid output learn XOR "
             "by full-batch gradient descent on binary cross-entropy. Read the backward pass of the NumPy way "
             "next to `loss.backward()` and `tape.gradient`: the chain rule written out is what autograd does.",
             "mlp_backprop", "two_layer",
             {**_two_layer(2), "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 1.0}),
              "data": ("xor", {}), "batch_size": None, "epochs": 20, "shuffle": False},
             TWO_LAYER_NAMES, {"learning_rate": 1.0}),
    _example("planar", "The planar flower with a 2-4-1 tanh network",
             "The same two-layer network, wider (4 tanh units), on two interleaved petals, trained by "
             "mini-batch gradient descent over a shuffled order that every way is given: the loop over "
             "batches is the only thing added to XOR.",
             "mlp_backprop", "two_layer",
             {**_two_layer(4), "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.5}),
              "data": ("planar", {"n": 40}), "batch_size": 10, "epochs": 5, "shuffle": True},
             TWO_LAYER_NAMES, {"learning_rate": 0.5}),
    _example("logistic_regression", "Logistic regression on two blobs",
             "One dense unit and a sigmoid, binary cross-entropy, mini-batches of 8 in a shuffled order. The "
             "gradient at the logit is the prediction's error, (p − y)/B: the sigmoid's derivative cancels "
             "the loss's denominator.",
             "linear_logistic", "linear_model",
             {"layers": [("dense", {"units": 1}), ("sigmoid", {})], "loss": ("bce", {}),
              "optimizer": ("sgd", {"learning_rate": 0.1}), "data": ("blobs", {"n": 32, "features": 2}),
              "batch_size": 8, "epochs": 4, "shuffle": True},
             LINEAR_NAMES, {"link": "sigmoid", "learning_rate": 0.1}),
    _example("softmax_regression", "Softmax regression on three clusters",
             "A dense layer gives one logit per class; the cross-entropy is taken from the logits (a shifted "
             "log-sum-exp by hand, `nn.CrossEntropyLoss`, `CategoricalCrossentropy(from_logits=True)`), "
             "and its gradient at the logits is again the error, (softmax(z) − y)/B.",
             "softmax", "linear_model",
             {"layers": [("dense", {"units": 3})], "loss": ("softmax_crossentropy", {}),
              "optimizer": ("sgd", {"learning_rate": 0.5}), "data": ("clusters", {"n": 30, "classes": 3}),
              "batch_size": None, "epochs": 10, "shuffle": False},
             LINEAR_NAMES, {"link": "softmax", "learning_rate": 0.5}),
    _example("linear_regression", "Linear regression by gradient descent",
             "One dense layer and the mean squared error, full-batch gradient descent towards the optimum the "
             "normal equations give in closed form. The gradient at the output is 2(ŷ − y)/(B·K): MSE's "
             "factor 2 is why some texts halve the squared error.",
             "linear_logistic", "linear_model",
             {"layers": [("dense", {"units": 1})], "loss": ("mse", {}),
              "optimizer": ("sgd", {"learning_rate": 0.1}),
              "data": ("linear", {"n": 20, "features": 3, "noise": 0.1}),
              "batch_size": None, "epochs": 10, "shuffle": False},
             LINEAR_NAMES, {"link": "identity", "learning_rate": 0.1}),
    _example("tutorial_adam", "The PyTorch tutorial's network with Adam",
             "Linear(1000, 100), ReLU, Linear(100, 10) on random data, the summed squared error and Adam: the "
             "by-hand ways write Adam's moments and bias corrections out. PyTorch adds ε to √v̂ after the bias "
             "correction, Keras to √v before it (the same step with ε/√(1 − β₂ᵗ), a different ε each step): "
             "each way is written in its framework's form and checked against the reference told that form. "
             "Keras's default ε is 1e-7, PyTorch's 1e-8: the ways all get ε = 1e-8.",
             "optimizers", "relu_adam",
             {"layers": [("dense", {"units": 100}), ("relu", {}), ("dense", {"units": 10})],
              "loss": ("mse", {"reduction": "sum"}),
              "optimizer": ("adam", {"learning_rate": 1e-4, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}),
              "data": ("gaussian", {"n": 64, "features": 1000, "outputs": 10}),
              "batch_size": None, "epochs": 5, "shuffle": False},
             TWO_LAYER_NAMES, {"learning_rate": 1e-4, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8},
             conventions={**{k: {"epsilon_placement": "after_correction"}
                             for k in ("numpy_by_hand", "torch_by_hand", "torch_high_level")},
                          "tf_by_hand": {"epsilon_placement": "before_correction"},
                          **{k: {"epsilon_placement": "before_correction", "bias_correction": "in_dtype"}
                             for k in ("keras_sequential", "keras_functional")}}),
    _example("perceptron", "The perceptron learning rule",
             "Rosenblatt's rule, w ← w + η·(t − sign(w·x + b))·x, one sample at a time, on two separable blobs "
             "labelled ±1. Neither framework has a perceptron: their ways train a linear unit by SGD at rate 2η "
             "on the perceptron criterion max(0, −t·(w·x + b)), which is the same rule wherever the score is "
             "not exactly 0 (a random start keeps it off 0; from w = 0 the rule takes half a step there and "
             "the criterion's gradient is 0).",
             "neuron_perceptron", "perceptron_rule",
             {"model": "perceptron", "run": "perceptron",
              "data": ("signed_blobs", {"n": 12, "separation": 3.0, "offset": 2.0}),
              "batch_size": 1, "online": True, "epochs": 4, "shuffle": True},
             {"w": "w", "b": "b"}, {"learning_rate": 1.0}),
    _example("deep_narrow_disc", "A deep narrow ReLU network on the disc",
             "Five Dense(4) + ReLU layers and a sigmoid output learn whether a point lies inside a circle, by "
             "SGD with momentum 0.9. The backward pass is one loop from the top layer down; PyTorch keeps the "
             "momentum buffer as a sum of raw gradients (v ← μv + g, θ ← θ − ηv), Keras as a sum of steps "
             "(v ← μv − ηg, θ ← θ + v): the same updates for a constant η, each way checked in its own form.",
             "initialization", "relu_mlp",
             {**_relu_mlp([4] * 5 + [1], "sigmoid"), "loss": ("bce", {}),
              "optimizer": ("sgd", {"learning_rate": 0.2, "momentum": 0.9}), "data": ("disc", {"n": 40}),
              "batch_size": 10, "epochs": 5, "shuffle": True},
             _relu_mlp_names(6), {"link": "sigmoid", "learning_rate": 0.2, "momentum": 0.9},
             conventions=MOMENTUM_FORMS),
    _example("digits", "Handwritten digits, 64-32-10",
             "Real data: scikit-learn's 8×8 digits (the first 300), 64 pixels → Dense(32) + ReLU → 10 logits, "
             "cross-entropy from the logits, SGD with momentum in mini-batches of 50: the same code as the "
             "deep narrow network, two layers deep with a softmax output.",
             "softmax", "relu_mlp",
             {**_relu_mlp([32, 10], "softmax"), "loss": ("softmax_crossentropy", {}),
              "optimizer": ("sgd", {"learning_rate": 0.1, "momentum": 0.9}), "data": ("digits", {"n": 300}),
              "batch_size": 50, "epochs": 2, "shuffle": True},
             _relu_mlp_names(2), {"link": "softmax", "learning_rate": 0.1, "momentum": 0.9},
             conventions=MOMENTUM_FORMS),
    _example("dropout", "Dropout on two spirals",
             "Two ReLU layers of 16 with dropout 0.3 after each: in training a unit is kept with probability "
             "0.7 and scaled by 1/0.7, so evaluation needs no change; backward, a dropped unit passes no "
             "gradient. Random masks are made comparable two ways. The by-hand ways are given the masks as data, "
             "drawn once, and apply them as `nn.functional.dropout` and `tf.nn.dropout` would. The high-level "
             "ways use `nn.Dropout` and `keras.layers.Dropout`, which draw their own masks from a seed: each "
             "update's masks are read back (a forward pre-hook, a callback: the generator's state saved, the "
             "layer called on ones, the state restored) and the reference is trained with them.",
             "dropout_batch_norm", "dropout_mlp",
             {"layers": [("dense", {"units": 16}), ("relu", {}), ("dropout", {"p": 0.3}),
                         ("dense", {"units": 16}), ("relu", {}), ("dropout", {"p": 0.3}),
                         ("dense", {"units": 1}), ("sigmoid", {})],
              "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.5}), "data": ("spirals", {"n": 40}),
              "batch_size": 10, "epochs": 3, "shuffle": True},
             {"W1": "0.W", "b1": "0.b", "W2": "3.W", "b2": "3.b", "W3": "6.W", "b3": "6.b"},
             {"rate": 0.3, "learning_rate": 0.5},
             own_masks=("torch_high_level", "keras_sequential", "keras_functional")),
    _example("deep_narrow_disc_batch_norm", "The deep narrow network with batch normalization",
             "The deep narrow ReLU network with batch normalization before each ReLU, its dense layers without a "
             "bias (the normalization subtracts the batch mean, and a bias with it). The backward pass through "
             "the normalization couples the samples of a batch: every ẑ depends on the batch's mean and "
             "variance. ε = 1e-3, Keras's default (PyTorch's is 1e-5: given).",
             "dropout_batch_norm", "batch_norm_mlp",
             {"layers": [entry for _ in range(5) for entry in (
                 ("dense", {"units": 4, "use_bias": False}), ("batch_norm", {"features": 4, "epsilon": 1e-3}),
                 ("relu", {}))] + [("dense", {"units": 1}), ("sigmoid", {})],
              "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
              "data": ("disc", {"n": 40}), "batch_size": 10, "epochs": 2, "shuffle": True},
             {**{f"{k}{i}": f"{3 * (i - 1) + j}.{name}" for i in range(1, 6)
                 for k, j, name in (("W", 0, "W"), ("gamma", 1, "gamma"), ("beta", 1, "beta"))},
              "W6": "15.W", "b6": "15.b"},
             {"epsilon": 1e-3, "learning_rate": 0.1, "momentum": 0.9}, conventions=MOMENTUM_FORMS,
             skip_dtypes={"float32": (
                 "normalizing 10 samples divides by their spread and amplifies float32 round-off: after 8 "
                 "updates W3 lay 1.13× (AVX-512), 1.73× (AVX2) and 1.45× (SSE4.1) of the table's tolerance "
                 "from the reference (measured on the session's Intel Xeon), a verdict that depends on the "
                 "CPU; the catalog case sequential[deep_narrow_relu_batch_norm] runs float32 where it holds")}),
    _example("xor_hand_set", "XOR by hand-set weights",
             "A network is its weights. Two ReLU units h = max(0, x·W1 + b1) with W1 = [[1, 1], [1, 1]] and "
             "b1 = [0, −1], and the linear output h·[1, −2]ᵀ, compute XOR exactly: h₁ counts the inputs that are "
             "on, h₂ is 1 only when both are. No training: every way sets the weights and runs the forward pass. "
             "`nn.Linear` stores its weight as (out, in), so W1ᵀ is what goes in; Keras's `set_weights` takes "
             "(in, out) kernels as written. The outputs are exactly 0, 1, 1, 0 in both dtypes and the squared "
             "error exactly 0, so one step of gradient descent would leave the weights as they are.",
             "mlp_backprop", "relu_forward",
             {"layers": [("dense", {"units": 2}), ("relu", {}), ("dense", {"units": 1})], "loss": ("mse", {}),
              "data": ("xor", {}), "run": "forward", "exact": True,
              # the spec file's [init.params], in the reference's layout (W (in, out))
              "init": {"0.W": [[1.0, 1.0], [1.0, 1.0]], "0.b": [0.0, -1.0], "2.W": [[1.0], [-2.0]], "2.b": [0.0]}},
             TWO_LAYER_NAMES, {},
             labels={"torch_by_hand": "PyTorch, tensors by hand", "torch_high_level": "PyTorch, nn.Sequential",
                     "tf_by_hand": "TensorFlow, tensors by hand", "keras_sequential": "Keras, Sequential + predict",
                     "keras_functional": "Keras, functional API + predict"}),
    _example("normal_equations", "Ridge regression by the normal equations",
             "Linear regression without a loop: centre the data, solve (XᵀX + λI)·w = XᵀY once and read the "
             "intercept off the means, b = ȳ − x̄·w (not penalized, as scikit-learn's `Ridge`). λ = 0 is least "
             "squares, the Gaussian maximum-likelihood solution; λ = 1 here is the MAP one under a Gaussian prior "
             "on w. By hand the system is solved, never inverted (`np.linalg.solve`, `torch.linalg.solve`, "
             "`tf.linalg.solve`); PyTorch's high-level way hands the augmented least-squares problem "
             "[x 1; √λ·I 0]·[w; b] ≈ [y; 0] to `torch.linalg.lstsq`, which factorizes it instead of forming XᵀX. "
             "Keras has no closed form. Compare the linear_regression example: the same model by gradient descent.",
             "linear_logistic", "ridge_solve",
             {"model": "normal_equations", "run": "solve", "data": ("linear", {"n": 30, "features": 3})},
             {"w": "w", "b": "b"}, {"l2": 1.0},
             missing={k: KERAS_NO_SOLVE for k in ("keras_sequential", "keras_functional")},
             labels={"torch_by_hand": "PyTorch, torch.linalg.solve", "torch_high_level": "PyTorch, torch.linalg.lstsq",
                     "tf_by_hand": "TensorFlow, tf.linalg.solve"}),
)}


# Spec files (examples/*.toml) without ways here yet, and why: each still runs under `rosetta run` and as a
# model case (sequential[example_<name>]).
NOT_YET = {
    "sine": "a cosine learning-rate schedule per update: each way would write the schedule out",
    "functional_skip": "a graph with a skip connection: the functional API is the one way it differs in",
    "early_stopping": "a validation set and early stopping: a loop with a stopping rule in each way",
    "deep_narrow_disc_clip_l2": "gradient clipping by norm: each way would write the clipping out",
}


def get(name: str) -> Example:
    """The example ``name``; KeyError naming the valid examples."""
    if name not in EXAMPLES:
        raise KeyError(f"unknown example {name!r}; valid examples: {', '.join(EXAMPLES)}")
    return EXAMPLES[name]


def _entry(spec: WaySpec, network: str) -> Callable:
    """The function ``spec`` names for ``network``, from the registry that holds it."""
    if spec.framework == "reference":
        import reference
        return reference.get("example", network)
    from conformance import frameworks
    impl = frameworks.load(spec.framework).registry.get("example", network)
    return impl.variants[spec.variant] if spec.variant else impl.builder


def ways(name: str, frameworks: tuple[str, ...] | None = None) -> list[Way]:
    """The ways of example ``name`` (those of ``frameworks`` only, when given), in ``WAYS`` order, less the
    ones the example states are missing (``Example.missing``). KeyError naming the valid examples when
    ``name`` is unknown; ``conformance.frameworks.Unavailable`` when a framework asked for cannot be loaded."""
    ex = get(name)
    return [Way(s.key, ex.labels.get(s.key, s.label), s.framework, _entry(s, ex.network), s.key in ex.own_masks)
            for s in WAYS
            if s.key not in ex.missing and (frameworks is None or s.framework in frameworks)]


def source(way: Way) -> tuple[str, str, int]:
    """(code, repo-relative path, first line) of the function the harness calls for ``way``."""
    lines, start = inspect.getsourcelines(way.function)
    path = Path(inspect.getsourcefile(way.function)).resolve()
    rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    return "".join(lines), rel, start


# --- what every way is given ------------------------------------------------------------------------------

def case(name: str) -> Case:
    """The harness's case of example ``name``: family "example", component its network, desc its name."""
    ex = get(name)
    return Case(ex.network, "example", {}, desc=ex.name, note=ex.title, setup={"example": ex.name})


def reference_model(name: str, features: int):
    """The reference Sequential the example's network is (its layers, dense widths filled in)."""
    import reference
    layers, width = [], features
    for comp, kwargs in get(name).setup["layers"]:
        if comp == "dense":
            kwargs = {"in_features": width, **kwargs}
            width = kwargs["units"]
        layers.append((comp, kwargs))
    return reference.get("model", "sequential")(layers=layers)


def inputs(name: str, dtype: str) -> dict:
    """What every way of example ``name`` gets in ``dtype``: {"x", "y", "params" (the network's names, the
    reference's layout; absent for a closed-form solve, which starts from none), "kwargs" (orders, batch_size
    and the hyperparameters; the hyperparameters alone without a training loop), "seed" (for the ways that
    draw their own masks)}. One generator (the case's seed) draws the data, the reference model's initial
    weights (unless the example gives them: ``setup["init"]``) and each epoch's order."""
    from reference.models import datasets, training
    ex, c = get(name), case(name)
    rng = np.random.default_rng(c.seed)
    data_name, data_kwargs = ex.setup["data"]
    x, y = datasets.draw(data_name, rng, dtype, **data_kwargs)
    data = {"x": x, "y": y, "seed": c.seed}
    features = x.shape[-1]
    if "init" in ex.setup:                          # weights given, not drawn (a hand-set network)
        drawn = {k: np.asarray(v) for k, v in ex.setup["init"].items()}
    elif ex.setup.get("model") == "perceptron":     # a random start, as the classic case "normal" draws it
        drawn = {"w": rng.standard_normal(features) / np.sqrt(features), "b": np.asarray(rng.standard_normal())}
    elif "layers" in ex.setup:
        drawn = reference_model(name, features).init_params(rng, features, np.float64)
    else:                                           # a closed form starts from no weights
        drawn = None
    if drawn is not None:
        data["params"] = {mine: drawn[theirs].astype(dtype) for mine, theirs in ex.names.items()}
    if "epochs" not in ex.setup:                    # no training loop: no orders, no batches
        return {**data, "kwargs": dict(ex.hyper)}
    batch_size = len(x) if ex.setup["batch_size"] is None else int(ex.setup["batch_size"])
    if len(x) % batch_size:      # Keras's fit takes every epoch's batches in one pipeline, steps_per_epoch each
        raise ValueError(f"example {name}: batch_size={batch_size} is not allowed: expected a divisor of N={len(x)}")
    orders = training.epoch_orders(rng, len(x), int(ex.setup["epochs"]), bool(ex.setup["shuffle"]))
    # an online rule (the perceptron's) takes one sample per update and no batch_size argument
    sizes = {} if ex.setup.get("online") else {"batch_size": batch_size}
    masks = {"masks": _masks(ex, rng, orders, batch_size)} if "rate" in ex.hyper else {}
    return {**data, "kwargs": {"orders": orders, **sizes, **masks, **ex.hyper}}


def dropout_layers(name: str) -> list[int]:
    """The Sequential indices of example ``name``'s dropout layers."""
    return [i for i, (comp, _) in enumerate(get(name).setup["layers"]) if comp == "dropout"]


def _masks(ex: Example, rng: np.random.Generator, orders: list, batch_size: int) -> list[list[np.ndarray]]:
    """Dropout keep-masks, drawn after the orders: for each update, one boolean (B, width) mask per dropout
    layer, kept with probability 1 − rate (the width: the dense layer before it)."""
    layers = ex.setup["layers"]
    widths = [layers[i - 2][1]["units"] for i in dropout_layers(ex.name)]       # dense, relu, dropout
    updates = sum(len(range(0, len(order), batch_size)) for order in orders)
    return [[rng.random((batch_size, w)) >= ex.hyper["rate"] for w in widths] for _ in range(updates)]


def arguments(way: Way, data: dict) -> tuple[tuple, dict]:
    """The positional and keyword arguments ``way`` is called with on ``data`` (``inputs``): x, y and a copy of
    the initial weights (none for a closed-form solve), so that no way sees another's updates, and the
    example's keyword arguments; a way that draws its own masks gets ``seed`` in place of ``masks``."""
    params = () if "params" not in data else ({k: np.array(v, copy=True) for k, v in data["params"].items()},)
    kwargs = dict(data["kwargs"])
    if way.own_masks:
        del kwargs["masks"]
        kwargs["seed"] = data["seed"]
    return (data["x"], data["y"], *params), kwargs


def run(way: Way, data: dict) -> dict:
    """``way`` called on ``data`` (``inputs``) with ``arguments``: its result with NumPy arrays, "losses" float64
    (epochs,), "weights" {name: array}, and what else the way returns ("outputs", "loss"; "masks": each update's
    list of boolean keep-masks)."""
    args, kwargs = arguments(way, data)
    out = dict(way.function(*args, **kwargs))
    for key, value in out.items():
        if key == "losses":
            out[key] = np.asarray(value, dtype=np.float64)
        elif key == "weights":
            out[key] = {k: np.asarray(v) for k, v in value.items()}
        elif key == "masks":
            out[key] = [[np.asarray(m) for m in step] for step in value]
        else:
            out[key] = np.asarray(value)
    return out


def with_masks(data: dict, masks: list) -> dict:
    """``data`` with each update's dropout masks replaced by ``masks`` (those a way drew itself)."""
    return {**data, "kwargs": {**data["kwargs"], "masks": masks}}


# --- notebooks --------------------------------------------------------------------------------------------

def notebook(name: str):
    """Example ``name`` as an nbformat notebook built from the functions the harness calls
    (``conformance/notebook.py``)."""
    from conformance.notebook import build
    return build(get(name))
