"""Cases for whole models (``conformance/checkers/model.py``): a Sequential network as data, trained by
each framework's own loop on a data set drawn from the case's seed, at most 50 updates.

The model is ``kwargs["layers"]``; ``setup`` holds the data, loss, optimizer, batch size (None: full
batch), epochs and whether each epoch is shuffled (the order drawn by the reference, fed to all three).
"""
from conformance.case import Case
from conformance.tolerances import TOLERANCES, XEON, XEON_AVX2, XEON_SSE41, Measured, Override


def dense(n_in: int, n_out: int) -> tuple[str, dict]:
    return ("dense", {"in_features": n_in, "units": n_out})


def sequential(desc: str, layers: list, note: str = "", tolerance: dict | None = None, input_shape=None,
               **setup) -> Case:
    kwargs = {"layers": layers, **({"input_shape": input_shape} if input_shape is not None else {})}
    return Case("sequential", "model", {}, kwargs=kwargs, desc=desc, note=note, setup=setup, tolerance=tolerance or {})


BCE = ("bce", {"reduction": "mean"})
MSE = ("mse", {"reduction": "mean"})

CASES = [
    sequential("default", [dense(2, 2), ("tanh", {}), dense(2, 1), ("sigmoid", {})],
               note="XOR, 2-2-1 tanh/sigmoid, binary cross-entropy, full-batch gradient descent",
               metrics=[("binary_accuracy", {})], data=("xor", {}), loss=BCE, optimizer=("sgd", {"learning_rate": 1.0}), batch_size=None, epochs=50),
    sequential("logistic_minibatch", [dense(2, 1), ("sigmoid", {})],
               note="logistic regression on two Gaussian blobs, mini-batch SGD (8 of 32) with shuffling",
               metrics=[("binary_accuracy", {})], data=("blobs", {"n": 32, "features": 2}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=8, epochs=10, shuffle=True),
    sequential("logistic_online", [dense(2, 1), ("sigmoid", {})],
               note="logistic regression, online SGD (batch size 1) with shuffling",
               data=("blobs", {"n": 10, "features": 2}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=1, epochs=4, shuffle=True),
    sequential("planar", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="2-layer tanh network, sigmoid output, planar two-class 'flower' data, mini-batch SGD "
                    "with momentum (the optimizer state is compared too)",
               metrics=[("binary_accuracy", {})], data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.5, "momentum": 0.9}),
               batch_size=10, epochs=10, shuffle=True),
    sequential("linear_regression", [dense(3, 1)],
               note="linear regression, MSE, full-batch gradient descent",
               metrics=[("mean_absolute_error", {})], data=("linear", {"n": 20, "features": 3}), loss=MSE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=None, epochs=30),
    sequential("softmax_regression_logits", [dense(2, 3)],
               note="softmax (multinomial logistic) regression written with logits and a from-logits loss "
                    "(torch CrossEntropyLoss, Keras CategoricalCrossentropy(from_logits=True)), full batch",
               metrics=[("accuracy", {})], data=("clusters", {"n": 30, "classes": 3}), loss=("softmax_crossentropy", {"reduction": "mean"}),
               optimizer=("sgd", {"learning_rate": 0.5}), batch_size=None, epochs=30),
    sequential("softmax_regression_probs", [dense(2, 3), ("softmax", {})],
               note="the same model as users often write it: the softmax inside the model and a loss on "
                    "probabilities (Keras's default CategoricalCrossentropy; torch NLLLoss of the log)",
               metrics=[("accuracy", {})], data=("clusters", {"n": 30, "classes": 3}), loss=("categorical_crossentropy", {"reduction": "mean"}),
               optimizer=("sgd", {"learning_rate": 0.5}), batch_size=None, epochs=30),
]


def batch_norm(features: int) -> tuple[str, dict]:
    return ("batch_norm", {"features": features})


def deep_narrow(normalized: bool, depth: int = 5, width: int = 4) -> list:
    """``depth`` Dense(width) + ReLU blocks (with batch normalization before each ReLU), sigmoid output."""
    layers, n_in = [], 2
    for _ in range(depth):
        layers += [dense(n_in, width), *([batch_norm(width)] if normalized else []), ("relu", {})]
        n_in = width
    return layers + [dense(width, 1), ("sigmoid", {})]


CASES += [
    sequential("deep_narrow_relu", deep_narrow(False),
               note="the curriculum's deep narrow ReLU network (5 × Dense(4) + ReLU, sigmoid output) on the planar "
                    "data, mini-batch SGD with momentum",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.2, "momentum": 0.9}),
               batch_size=10, epochs=5, shuffle=True),
    sequential("deep_narrow_relu_batch_norm", deep_narrow(True),
               note="the same network with batch normalization before each ReLU: running mean and variance "
                    "compared after every update, evaluation with the running statistics; 8 updates, because "
                    "this narrow normalized network amplifies float32 round-off ~10× per update once trained "
                    "further (measured: worst 0.5 of the table at 8 updates, 0.65 at 12, 500× over at 20 in "
                    "both frameworks; float64 at round-off throughout)",
               metrics=[("binary_accuracy", {})], data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.1, "momentum": 0.9}),
               batch_size=10, epochs=2, shuffle=True),
    sequential("dropout", [dense(2, 16), ("relu", {}), ("dropout", {"p": 0.3}), dense(16, 16), ("relu", {}),
                           ("dropout", {"p": 0.3}), dense(16, 1), ("sigmoid", {})],
               note="the curriculum's dropout network: two hidden layers, dropout 0.3 after each, the same masks "
                    "on every side (each framework's draw read back and given to the reference), identity in "
                    "evaluation",
               metrics=[("binary_accuracy", {})], data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.5}),
               batch_size=10, epochs=5, shuffle=True),
    sequential("noise_layers", [dense(2, 8), ("gaussian_noise", {"stddev": 0.1}), ("tanh", {}),
                                ("gaussian_dropout", {"p": 0.2}), dense(8, 1), ("sigmoid", {})],
               note="additive Gaussian noise and Gaussian dropout inside a model (their draws read back, as dropout's)",
               data=("blobs", {"n": 32}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.3}),
               batch_size=8, epochs=3, shuffle=True),
    sequential("selu_alpha_dropout", [dense(2, 8), ("selu", {}), ("alpha_dropout", {"p": 0.2}), dense(8, 1),
                                      ("sigmoid", {})],
               note="a self-normalizing (SELU) network with alpha dropout, the dropout that keeps SELU's fixed point",
               data=("blobs", {"n": 32}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.3}),
               batch_size=8, epochs=3, shuffle=True),
    sequential("gradient_tape", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="the planar network trained by Keras's custom-loop idiom (tf.GradientTape + "
                    "optimizer.apply_gradients; torch: its DataLoader loop)",
               metrics=[("binary_accuracy", {})], data=("planar", {"n": 40}), loss=BCE, optimizer=("adam", {"learning_rate": 0.05}),
               batch_size=10, epochs=5, shuffle=True, loop={"keras": "gradient_tape"}),
    sequential("low_level", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="the planar network trained in TensorFlow's low-level style (GradientTape, variables updated by "
                    "assign_sub; torch: its DataLoader loop with torch.optim.SGD)",
               metrics=[("binary_accuracy", {})], data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.5}),
               batch_size=10, epochs=5, shuffle=True, loop={"keras": "low_level"}),
]

CASES += [
    sequential("tutorial_adam", [dense(1000, 100), ("relu", {}), dense(100, 10)],
               note="the PyTorch tutorial's network: Sequential(Linear(1000, 100), ReLU, Linear(100, 10)), "
                    "MSELoss(reduction='sum') on random data (N=64), Adam at lr 1e-4, full batch",
               data=("gaussian", {"n": 64, "features": 1000, "outputs": 10}), loss=("mse", {"reduction": "sum"}),
               optimizer=("adam", {"learning_rate": 1e-4}), batch_size=None, epochs=10,
               tolerance={"float32": Override(
                   rtol=TOLERANCES["float32"].rtol, atol=6e-6, checks=("state:m",), cpu_dependent=True,
                   reason="Adam's first moment m = 0.9·m + 0.1·g holds the gradient of W₁ (1000 × 100), "
                          "dW₁ = xᵀδ, a sum over the 64 samples whose terms cancel: its float32 rounding bound "
                          "2γ₆₄·Σ|x||δ| reaches ~1e-5 where the sum is ~1e-3, and m carries 0.1 of it; the "
                          "parameters, moved by m/√v, and v (squares: no cancellation) stay within the table",
                   measured=(Measured(1.79, 0.354, XEON), Measured(1.7, 0.354, XEON),               # torch, keras
                             Measured(1.45, 0.338, XEON + ", ONEDNN_MAX_CPU_ISA=AVX2, ATEN_CPU_CAPABILITY=avx2"),
                             Measured(1.8, 0.504, XEON + ", ONEDNN_MAX_CPU_ISA=AVX2, ATEN_CPU_CAPABILITY=avx2"),
                             Measured(2.22, 0.407, XEON + ", ONEDNN_MAX_CPU_ISA=SSE41, ATEN_CPU_CAPABILITY=default"),
                             Measured(2.7, 0.494, XEON + ", ONEDNN_MAX_CPU_ISA=SSE41, ATEN_CPU_CAPABILITY=default"),
                             Measured(1.44, 0.335, XEON_AVX2), Measured(1.82, 0.5, XEON_AVX2),
                             Measured(1.59, 0.361, XEON_SSE41), Measured(2.73, 0.515, XEON_SSE41)))}),
]

SATURATED = dict(data=("blobs", {"n": 16, "features": 2, "separation": 600.0}), optimizer=("sgd", {"learning_rate": 0.01}),
                 batch_size=None, epochs=5, metrics=[("binary_accuracy", {})])
CASES += [
    sequential("saturated_logits", [dense(2, 1)],
               note="saturated outputs (|logit| ≥ 30 on most samples) written with logits and a from-logits loss "
                    "(BCEWithLogitsLoss, BinaryCrossentropy(from_logits=True)), the stable form, and accuracy at "
                    "threshold 0", loss=("bce_with_logits", {"reduction": "mean"}),
               **{**SATURATED, "metrics": [("binary_accuracy", {"threshold": 0.0})]}),
]


def functional(desc: str, nodes: list, note: str = "", inputs: int = 2, output: str = "out", **setup) -> Case:
    return Case("functional", "model", {}, kwargs={"inputs": inputs, "nodes": nodes, "output": output}, desc=desc,
                note=note, setup=setup)


CASES += [
    functional("default", [("a", "dense", {"in_features": 2, "units": 4}, ["input"]),
                           ("b", "dense", {"in_features": 2, "units": 4}, ["input"]),
                           ("sum", "add", {}, ["a", "b"]),
                           ("h", "tanh", {}, ["sum"]),
                           ("skip", "concatenate", {}, ["h", "input"]),
                           ("logit", "dense", {"in_features": 6, "units": 1}, ["skip"]),
                           ("out", "sigmoid", {}, ["logit"])],
               note="a small DAG: two branches merged by add, a skip connection of the input merged by concatenate "
                    "(Keras functional API with Add and Concatenate; torch: a module whose forward adds and "
                    "torch.cat's), planar data, mini-batch SGD with momentum",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.3, "momentum": 0.9}),
               batch_size=10, epochs=3, shuffle=True, metrics=[("binary_accuracy", {})]),
    functional("residual_dropout", [("h", "dense", {"in_features": 2, "units": 8}, ["input"]),
                                    ("r", "relu", {}, ["h"]),
                                    ("d", "dropout", {"p": 0.2}, ["r"]),
                                    ("h2", "dense", {"in_features": 8, "units": 8}, ["d"]),
                                    ("res", "add", {}, ["h2", "h"]),
                                    ("out", "dense", {"in_features": 8, "units": 1}, ["res"])],
               note="a residual block (h + Dense(dropout(relu(h)))) with dropout inside, regression on linear data",
               data=("linear", {"n": 20, "features": 2}), loss=MSE, optimizer=("adam", {"learning_rate": 0.01}),
               batch_size=5, epochs=3, shuffle=True, metrics=[("mean_absolute_error", {})]),
]

CASES += [
    sequential("schedule_per_epoch", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="the planar network with an exponentially decaying learning rate stepped once per epoch "
                    "(torch: scheduler.step() after each epoch's batches; Keras: ExponentialDecay told the batches "
                    "per epoch)",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.5, "momentum": 0.9}),
               schedule=("exponential_decay", {"initial_learning_rate": 0.5, "decay_rate": 0.7}),
               schedule_per="epoch", batch_size=10, epochs=5, shuffle=True),
    sequential("schedule_per_update", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="the same with a cosine decay advanced every update (Adam)",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("adam", {"learning_rate": 0.05}),
               schedule=("cosine_decay", {"initial_learning_rate": 0.05, "decay_steps": 20}),
               batch_size=10, epochs=5, shuffle=True),
]

CASES += [
    sequential("early_stopping", [dense(2, 8), ("tanh", {}), dense(8, 1), ("sigmoid", {})],
               note="the planar network with a validation set, early stopping (patience 2) and the best epoch's "
                    "weights restored: the validation loss falls for 3 epochs, rises for 2, and training stops "
                    "after the 5th and goes back to the 3rd (torch: the composed loop with copy.deepcopy(state_dict()); Keras: fit with "
                    "validation_data and keras.callbacks.EarlyStopping(restore_best_weights=True))",
               data=("planar", {"n": 12, "noise": 0.4}), validation=("planar", {"n": 40, "noise": 0.4}),
               loss=BCE, optimizer=("sgd", {"learning_rate": 0.5, "momentum": 0.9}),
               early_stopping={"patience": 2, "restore_best_weights": True},
               batch_size=8, epochs=20, shuffle=True),
]

CASES += [
    sequential("lenet", [("conv2d", {"in_channels": 1, "filters": 4, "kernel_size": 3}), ("relu", {}),
                         ("max_pool2d", {"pool_size": 2}),
                         ("conv2d", {"in_channels": 4, "filters": 4, "kernel_size": 3, "padding": "same"}),
                         ("relu", {}), ("flatten", {}), dense(36, 3)],
               input_shape=(8, 8, 1),
               note="a LeNet-style CNN (conv 3×3 → ReLU → max-pool 2 → conv 3×3 'same' → ReLU → flatten 3×3×4 → Dense) on 8×8 "
                    "images of bars and crosses, logits and a from-logits cross-entropy, mini-batch SGD with momentum; "
                    "torch sees (N, C, H, W) data and flattens channels-first (the flatten order's record maps it)",
               data=("bars", {"n": 24}), loss=("softmax_crossentropy", {"reduction": "mean"}),
               optimizer=("sgd", {"learning_rate": 0.1, "momentum": 0.9}), batch_size=8, epochs=4, shuffle=True,
               metrics=[("accuracy", {})]),
    sequential("lstm", [("lstm", {"in_features": 2, "units": 4}), dense(4, 1), ("sigmoid", {})],
               input_shape=(6, 2),
               note="an LSTM (4 units, the last output) and a sigmoid unit on sequences whose label lies in their first "
                    "half, Adam, mini-batches",
               data=("sequences", {"n": 24, "steps": 6, "features": 2}), loss=BCE,
               optimizer=("adam", {"learning_rate": 0.05}), batch_size=8, epochs=4, shuffle=True,
               metrics=[("binary_accuracy", {})]),
]

CASES += [
    sequential("saturated_probs", [dense(2, 1), ("sigmoid", {})],
               note="saturated outputs (|logit| ≥ 30, some samples confidently wrong) with the sigmoid inside the model "
                    "and binary cross-entropy on probabilities clipped to [1e-7, 1 − 1e-7] (Keras's default epsilon; "
                    "torch: BCELoss on torch.clamp(p, ε, 1 − ε)); the user-written losses are the divergence records' "
                    "native runs", loss=("bce", {"reduction": "mean", "eps": 1e-7}),
               data=("blobs", {"n": 16, "features": 2, "separation": 1.0, "scale": 100.0}),
               optimizer=("sgd", {"learning_rate": 0.001}), batch_size=None, epochs=5),
]

CASES += [
    sequential("regularized_clipped", deep_narrow(False, depth=3),
               note="the deep narrow ReLU network with an L2 penalty on every kernel and L1 on the first (torch: "
                    "terms added to the loss; Keras: the kernels' regularizers, in model.losses) and gradients "
                    "clipped by their global norm before each update (clip_grad_norm_; global_clipnorm)",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.2, "momentum": 0.9}),
               clipping=("global_norm", {"max_norm": 0.5}),
               regularizers={"0.W": ("l1_l2", {"l1": 0.001, "l2": 0.001}), "2.W": ("l2", {"l2": 0.001}),
                             "4.W": ("l2", {"l2": 0.001}), "6.W": ("l2", {"l2": 0.001})},
               metrics=[("binary_accuracy", {})], batch_size=10, epochs=3, shuffle=True),
]
