"""The examples of ``conformance/study.py`` ("examples three ways"), as data: ``EXAMPLES``, each an ``Example``
(its network, data set, sizes and hyperparameters, the reference's setup, each way's convention, the ways it
lacks and the dtypes it is not judged in, each with its reason), and ``NOT_YET``, the spec files in
``examples/`` without ways yet. ``conformance/study.py`` runs them; adding an example is an entry here and,
for a new network, one module in each of ``reference/examples/``, ``torch_impl/examples/`` and
``tf_impl/examples/`` and its formulas (``conformance/site/formulas.toml``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# The learning path, in order: an example's ``step`` is one of these.
STEPS = ("neuron_perceptron", "linear_logistic", "softmax", "mlp_backprop", "losses", "optimizers",
         "initialization", "regularization", "dropout_batch_norm")


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
    #   A graph gives nodes and output (reference/models/functional.py) instead of layers; the components of
    #   SETUP_FAMILIES add a schedule, clipping, a penalty on every kernel (kernel_regularizer) and early
    #   stopping on a validation set (validation: (name, kwargs), drawn after the data).
    #   run: how the reference runs (conformance/checkers/example.py, RUNS): "fit" (the default), "perceptron",
    #   "forward" (the Sequential's forward pass at the weights ``init`` gives, no epochs: the ways return
    #   "outputs" and "loss"; exact=True: the outputs must equal y exactly) or "solve" (model
    #   "normal_equations", no initial weights and no epochs: the ways return the solution's "weights")
    setup: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)          # the network's parameter name -> the reference model's
    hyper: dict = field(default_factory=dict)          # the ways' keyword arguments besides orders, batch_size
    # way key -> {setup key: reference kwargs} where that way departs from its framework's form, which
    # ``study.convention`` otherwise takes from the framework's divergence records
    conventions: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)        # way key -> why this example has no such way
    skip_dtypes: dict = field(default_factory=dict)    # dtype -> why the harness does not judge it there
    # ways whose framework layers draw their own dropout masks (nn.Dropout, keras.layers.Dropout): they get
    # ``seed`` instead of ``masks``, return the masks they drew ("masks") and are checked against the
    # reference trained with those
    own_masks: tuple = ()
    labels: dict = field(default_factory=dict)         # way key -> its label here, where WAYS's does not fit


# The setup's keys that name a catalog component ((name, kwargs)), and its family
SETUP_FAMILIES = {"loss": "loss", "optimizer": "optimizer", "schedule": "schedule", "clipping": "clipping",
                  "kernel_regularizer": "regularizer", "early_stopping": "regularizer"}


def _components(setup: dict) -> tuple[str, ...]:
    """The catalog components a setup uses, "family/name", in order, once each."""
    from reference.models.functional import MERGES
    from reference.models.sequential import family_of
    if "model" in setup:            # a classic algorithm (a learning rule, a closed form): its own component
        return (f"model/{setup['model']}",)
    out = [f"{family_of(name)}/{name}" for name, _ in setup.get("layers", ())]
    out += [f"{family_of(comp)}/{comp}" for _, comp, _, _ in setup.get("nodes", ()) if comp not in MERGES]
    out += [f"{family}/{setup[key][0]}" for key, family in SETUP_FAMILIES.items() if key in setup]
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

LINEAR_NAMES = {"W": "0.W", "b": "0.b"}
# Where a TensorFlow by-hand way departs from Keras's form (``study.convention`` tells the reference Keras's
# records for every Keras way): it is plain TensorFlow written from the formula, not Keras's objects, so it forms
# Adam's 1 − βᵗ exactly (Python floats), keeps the L2 factor as given (no float32 rounding) and compares the
# validation losses in the run's dtype
AS_GIVEN = "as given"          # a kwarg the reference takes as the setup gives it, unmapped
TF_BY_HAND = {"optimizer": {"bias_correction": "exact"}, "kernel_regularizer": {"l2": AS_GIVEN},
              "early_stopping": {"float32_comparison": False}}


def _tf_by_hand(*keys: str) -> dict:
    """``Example.conventions`` of an example whose TensorFlow by-hand way departs from Keras in ``keys``."""
    return {"tf_by_hand": {k: TF_BY_HAND[k] for k in keys}}


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
             conventions=_tf_by_hand("optimizer")),
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
             _relu_mlp_names(6), {"link": "sigmoid", "learning_rate": 0.2, "momentum": 0.9}),
    _example("digits", "Handwritten digits, 64-32-10",
             "Real data: scikit-learn's 8×8 digits (the first 300), 64 pixels → Dense(32) + ReLU → 10 logits, "
             "cross-entropy from the logits, SGD with momentum in mini-batches of 50: the same code as the "
             "deep narrow network, two layers deep with a softmax output.",
             "softmax", "relu_mlp",
             {**_relu_mlp([32, 10], "softmax"), "loss": ("softmax_crossentropy", {}),
              "optimizer": ("sgd", {"learning_rate": 0.1, "momentum": 0.9}), "data": ("digits", {"n": 300}),
              "batch_size": 50, "epochs": 2, "shuffle": True},
             _relu_mlp_names(2), {"link": "softmax", "learning_rate": 0.1, "momentum": 0.9}),
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
             {"epsilon": 1e-3, "learning_rate": 0.1, "momentum": 0.9},
             skip_dtypes={"float32": (
                 "normalizing 10 samples divides by their spread and amplifies float32 round-off: after 8 "
                 "updates W3 lay 1.13× (AVX-512), 1.73× (AVX2) and 1.45× (SSE4.1) of the table's tolerance "
                 "from the reference (measured on the session's Intel Xeon), a verdict that depends on the "
                 "CPU; the catalog case sequential[deep_narrow_relu_batch_norm] runs float32 where it holds")}),
    _example("sine", "A noisy sine with a cosine learning-rate schedule",
             "A 1-16-1 tanh network approximates sin(x) on [−π, π] from 40 noisy samples, by Adam whose learning "
             "rate follows a cosine from 0.05 down to 0 over the 20 updates, one step of the schedule per "
             "update. By hand the rate is the formula η₀·½(1 + cos(π·t/T)) at the count t of updates so far; "
             "PyTorch's `CosineAnnealingLR` is stepped after every `optimizer.step()`, Keras's `CosineDecay` "
             "is the optimizer's learning rate and evaluates itself at the optimizer's count. Adam's ε is "
             "placed as in `tutorial_adam`, each way in its framework's form.",
             "optimizers", "cosine_adam",
             {"layers": [("dense", {"units": 16}), ("tanh", {}), ("dense", {"units": 1})], "loss": ("mse", {}),
              "optimizer": ("adam", {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}),
              "schedule": ("cosine_decay", {"initial_learning_rate": 0.05, "decay_steps": 20}),
              "data": ("sine", {"n": 40}), "batch_size": 10, "epochs": 5, "shuffle": True},
             TWO_LAYER_NAMES,
             {"learning_rate": 0.05, "decay_steps": 20, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8},
             conventions=_tf_by_hand("optimizer")),
    _example("deep_narrow_disc_clip_l2", "The deep narrow network with an L2 penalty and clipping",
             "The deep narrow ReLU network with two guards against large steps: every kernel carries an L2 "
             "penalty λ·‖W‖² (λ = 0.001, part of the loss each way reports) and all gradients are scaled by one "
             "factor when their global norm passes 0.1 (7 of the 20 updates here; the spec file's 0.5 is never "
             "reached by these gradients, whose norms run from 0.03 to 0.26). Where each framework puts them: "
             "PyTorch adds `l2 * W.square().sum()` to the loss and calls `clip_grad_norm_` between `backward()` and "
             "`step()`; Keras sets `Dense(kernel_regularizer=L2(l2))`, whose penalty `fit` adds to the loss, "
             "and clips inside the optimizer (`global_clipnorm`). torch's norm carries + 1e-6, Keras's none: "
             "each way is checked against the reference told its framework's form.",
             "regularization", "clipped_mlp",
             {**_relu_mlp([4] * 5 + [1], "sigmoid"), "loss": ("bce", {}),
              "optimizer": ("sgd", {"learning_rate": 0.2, "momentum": 0.9}),
              "kernel_regularizer": ("l2", {"l2": 0.001}), "clipping": ("global_norm", {"max_norm": 0.1}),
              "data": ("disc", {"n": 40}), "batch_size": 10, "epochs": 5, "shuffle": True},
             _relu_mlp_names(6), {"learning_rate": 0.2, "momentum": 0.9, "l2": 0.001, "max_norm": 0.1},
             conventions=_tf_by_hand("kernel_regularizer")),
    _example("early_stopping", "Early stopping on a validation set",
             "The planar network (8 tanh units) trained on only 12 noisy points, SGD with momentum, while the "
             "loss on 40 other points is measured after every epoch: when it has not improved for 2 epochs "
             "training stops, and the best epoch's weights are put back. Here the validation loss falls for 4 "
             "epochs and rises for 2: training stops after the 6th and keeps the 4th's weights (η = 0.1 in "
             "batches of 4; the spec file's η = 0.5 overshoots from the first epochs). Overfitting made visible, "
             "and the epoch training stopped at is a result every way must agree on. By hand the rule is three lines; "
             "PyTorch has no callback, so its loop keeps `copy.deepcopy(model.state_dict())` of the best epoch; "
             "Keras's `fit` takes `validation_data` and `keras.callbacks.EarlyStopping(restore_best_weights="
             "True)`, which compares the losses in float32 whatever the model's dtype (the reference is told).",
             "regularization", "early_stopping_mlp",
             {**_two_layer(8), "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
              "data": ("planar", {"n": 12, "noise": 0.4}), "validation": ("planar", {"n": 40, "noise": 0.4}),
              "early_stopping": ("early_stopping", {"patience": 2, "restore_best_weights": True}),
              "batch_size": 4, "epochs": 20, "shuffle": True},
             TWO_LAYER_NAMES, {"patience": 2, "learning_rate": 0.1, "momentum": 0.9},
             conventions=_tf_by_hand("early_stopping")),
    _example("functional_skip", "A graph with a skip connection",
             "Not a stack but a graph: two dense branches added, tanh, and the input concatenated back in (a skip "
             "connection) before the output unit. Backward, `add` passes its gradient to both branches unchanged "
             "(so they get equal gradients: only Wa + Wb is learned) and the concatenation splits it by width; "
             "x, used three times, would gather the sum (the multivariate chain rule). PyTorch writes a graph as "
             "an `nn.Module` whose `forward` adds and calls `torch.cat`; Keras with its functional API "
             "(`Add`, `Concatenate`): a `keras.Sequential` is a stack and cannot hold it.",
             "mlp_backprop", "skip_graph",
             {"nodes": [("a", "dense", {"in_features": 2, "units": 4}, ["input"]),
                        ("b", "dense", {"in_features": 2, "units": 4}, ["input"]),
                        ("sum", "add", {}, ["a", "b"]), ("h", "tanh", {}, ["sum"]),
                        ("skip", "concatenate", {}, ["h", "input"]),
                        ("logit", "dense", {"in_features": 6, "units": 1}, ["skip"]),
                        ("out", "sigmoid", {}, ["logit"])], "output": "out",
              "loss": ("bce", {}), "optimizer": ("sgd", {"learning_rate": 0.3, "momentum": 0.9}),
              "data": ("planar", {"n": 40}), "batch_size": 10, "epochs": 3, "shuffle": True},
             {"Wa": "a.W", "ba": "a.b", "Wb": "b.W", "bb": "b.b", "Wo": "logit.W", "bo": "logit.b"},
             {"learning_rate": 0.3, "momentum": 0.9},
             missing={"keras_sequential": "a keras.Sequential is a stack of layers, each taking the one before: "
                                          "two branches added and the input concatenated back in need the "
                                          "functional API (keras_functional) or a subclassed keras.Model"},
             labels={"torch_high_level": "PyTorch, an nn.Module's forward + torch.optim"}),
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
NOT_YET: dict[str, str] = {}
