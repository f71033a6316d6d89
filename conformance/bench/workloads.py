"""What is timed: one training step of an MLP (Dense + ReLU layers, softmax cross-entropy on integer
labels, SGD with momentum 0.9) in each framework's own idiom, from identical weights and data.

    reference             reference ``Sequential`` + ``sparse_softmax_crossentropy`` + reference ``sgd``: the loop
                          body of ``reference.models.training.fit`` (backward with ``input_grad=False``; the
                          Sequential writes each ReLU over the Dense output it reads, as ``nn.ReLU(inplace=True)``)
    torch                 ``nn.Sequential`` of ``nn.Linear``/``nn.ReLU``, ``nn.CrossEntropyLoss``, ``torch.optim.SGD``
                          (the tutorial's ``nn.ReLU()``; benchmarks/mlp_reference_vs_gemms.py also times ``inplace=True``)
    torch_compile         the same, with ``torch.compile(model)`` (the optimizer step stays eager)
    tf_eager              ``keras.Sequential``, ``tf.GradientTape``, ``optimizer.apply_gradients`` (the Keras guide's loop)
    tf_function           that step wrapped in ``tf.function``
    tf_xla                ``tf.function(jit_compile=True)``
    keras_train_on_batch  ``model.compile(...)`` then ``model.train_on_batch(x, y)``
    keras_fit             ``model.fit`` on a dataset repeating the batch (time per step = call time / steps)

Every step starts from the reference's ``Sequential.init_params`` (torch's weights are Wᵀ) and uses the
same batch (``problem``). The conformance check (``run.check``) re-runs ``CHECK_STEPS`` steps from those
weights after the timed steps and compares the losses and the parameters with the reference in float64.

FLOPs per step (``flops``): the matrix products a training step needs, 2·B·in·out each: every layer's
forward and weight gradient, and the input gradient of every layer but the first (no framework computes
the data's gradient). Bias adds, ReLU, the loss and the optimizer (O(B·width) and O(parameters)) are not
counted: achieved GFLOP/s is a lower bound on the work done.
"""
from __future__ import annotations

import functools

import numpy as np

# name -> the widths, input to output
MODELS = {"mlp": (784, 256, 256, 10), "deep": (784, 128, 128, 128, 128, 10)}
WIDTH_MODEL = "mlp-w{}"            # --widths W adds 784-W-W-10 under this name
LEARNING_RATE, MOMENTUM = 0.01, 0.9
CHECK_STEPS = 3
SEED = 0

# framework -> the worker process that runs it (each library in its own process)
FRAMEWORKS = {"reference": "numpy", "torch": "torch", "torch_compile": "torch", "tf_eager": "tensorflow",
              "tf_function": "tensorflow", "tf_xla": "tensorflow", "keras_train_on_batch": "tensorflow",
              "keras_fit": "tensorflow"}
# frameworks whose step is one compiled call: no forward / backward / optimizer split
WHOLE_STEP = ("torch_compile", "tf_function", "tf_xla", "keras_train_on_batch", "keras_fit")
PHASES = ("forward", "backward", "optimizer")


def widths_of(model: str) -> tuple[int, ...]:
    if model in MODELS:
        return MODELS[model]
    prefix = WIDTH_MODEL.format("")
    if model.startswith(prefix) and model[len(prefix):].isdigit():
        w = int(model[len(prefix):])
        return (784, w, w, 10)
    raise KeyError(f"unknown model {model!r}: expected one of {', '.join(MODELS)} or {WIDTH_MODEL.format('W')}")


def flops(model: str, batch: int) -> int:
    """The step's matrix-product FLOPs (module docstring)."""
    w = widths_of(model)
    pairs = [a * b for a, b in zip(w[:-1], w[1:])]
    return 2 * batch * (2 * sum(pairs) + sum(pairs[1:]))


def layers(model: str) -> list[tuple[str, dict]]:
    """The reference ``Sequential`` spec: Dense, ReLU, ..., Dense (logits)."""
    w = widths_of(model)
    out: list[tuple[str, dict]] = []
    for i, (a, b) in enumerate(zip(w[:-1], w[1:])):
        out.append(("dense", {"in_features": a, "units": b}))
        if i < len(w) - 2:
            out.append(("relu", {}))
    return out


def problem(model: str, batch: int, dtype: str):
    """(params {"<i>.W", "<i>.b"}, x (B, in), labels (B,)): the same in every process, from ``SEED``; the
    batch keeps clear of ReLU's kink (``_clear_of_kink``)."""
    params, x, labels = _problem64(model, batch)
    return ({k: v.astype(dtype) for k, v in params.items()}, x.astype(dtype), labels.copy())


# A pre-activation closer to 0 than KINK_MARGIN times its layer's RMS, at any update of the check's float64
# trajectory, is moved away: float32 rounds a pre-activation by ~1e-7 of that RMS (a 784-term sum), and one that
# rounds to the other side of 0 flips a ReLU, which changes that sample's gradient by O(1): the check would
# compare a branch, not arithmetic. Found at 784-64-64-10, B=32: one pre-activation 1.2e-7 from 0 failed every
# float32 framework, 400× its tolerance. Such a sample gets a small random nudge (NUDGE of x's scale) rather
# than a new draw: a new draw moves every update's weights, and so every pre-activation, by as much as the
# margin, and the redraws would never end at large sizes; a nudge moves them by ~NUDGE·lr/B of that.
KINK_MARGIN = 1e-5
NUDGE = 1e-3
KINK_ROUNDS = 20


@functools.lru_cache(maxsize=None)
def _problem64(model: str, batch: int):
    from reference.models.sequential import Sequential
    rng = np.random.default_rng(SEED)
    w = widths_of(model)
    params = Sequential(layers(model)).init_params(rng, w[0], np.dtype("float64"))
    x = rng.standard_normal((batch, w[0]))
    labels = rng.integers(0, w[-1], batch).astype(np.int64)
    for _ in range(KINK_ROUNDS):
        rows = _near_kink(model, _trajectory(model, params, x, labels), x, labels, KINK_MARGIN)
        if not rows.size:
            return params, x, labels
        x[rows] += NUDGE * rng.standard_normal((rows.size, w[0]))
    raise RuntimeError(f"{model}, B={batch}: {rows.size} sample(s) still within {KINK_MARGIN:g}·RMS of ReLU's "
                       f"kink after {KINK_ROUNDS} rounds of nudges")


def _trajectory(model: str, params: dict, x: np.ndarray, labels: np.ndarray) -> list[dict]:
    """The float64 reference's parameters at each of the check's ``CHECK_STEPS`` updates (before it)."""
    ref = Reference.__new__(Reference)
    Reference.build(ref, model, params, x, labels)
    out = []
    for _ in range(CHECK_STEPS):
        out.append(ref.weights())                  # a copy: the update writes in place
        ref.step()
    return out


def _near_kink(model: str, trajectory: list[dict], x: np.ndarray, labels: np.ndarray, margin: float) -> np.ndarray:
    """The rows of x with a hidden pre-activation within ``margin``·RMS of 0 under any of ``trajectory``'s
    parameters (the hidden Dense layers' outputs, from the reference's ``probe``)."""
    from reference import registry
    from reference.models.sequential import Sequential
    from reference.models.training import probe
    net, loss_fn = Sequential(layers(model)), registry.get("loss", "sparse_softmax_crossentropy")()
    near = np.zeros(len(x), bool)
    for params in trajectory:
        outputs = probe(net, loss_fn, params, x, labels)["outputs"]
        for key in dense_keys(model)[:-1]:
            z = outputs[int(key)]                                               # (B, width)
            near |= (np.abs(z) < margin * np.sqrt(np.mean(z ** 2))).any(axis=1)
    return np.flatnonzero(near)


def dense_keys(model: str) -> list[str]:
    return [f"{i}" for i, (name, _) in enumerate(layers(model)) if name == "dense"]


# --- the reference -------------------------------------------------------------------------------

class Phased:
    """A training step in three timed phases (``PHASES``): a workload defines forward, backward, optimizer."""

    def step(self):
        loss = self.forward()
        self.backward()
        self.optimizer()
        return loss


class Reference(Phased):
    """``reference.models.training.fit``'s loop body, one phase per method."""

    def __init__(self, model: str, batch: int, dtype: str, device: str = "cpu"):
        self.build(model, *problem(model, batch, dtype))

    def build(self, model: str, params: dict, x: np.ndarray, labels: np.ndarray):
        from reference import registry
        from reference.models.sequential import Sequential
        self.net = Sequential(layers(model))
        self.loss_fn = registry.get("loss", "sparse_softmax_crossentropy")()
        self.opt = registry.get("optimizer", "sgd")(learning_rate=LEARNING_RATE, momentum=MOMENTUM)
        self.params0, self.x, self.y = params, x, labels
        self.reset()

    def sync(self):
        pass                               # NumPy returns when the work is done

    def reset(self):
        self.params = {k: v.copy() for k, v in self.params0.items()}     # the update writes into these
        self.state = self.opt.init(self.params)

    def forward(self):
        y_hat, _, self.cache = self.net.apply(self.x, self.params, training=True)     # (B, classes)
        self.loss, self.lcache = self.loss_fn.forward(y_hat, self.y)
        return self.loss

    def backward(self):
        dy = self.loss_fn.backward(np.ones_like(self.loss), self.lcache)
        _, self.grads = self.net.backward(dy, self.cache, input_grad=False)

    def optimizer(self):
        # in place, as torch's optimizer.step(): this loop keeps only the latest parameters (fit keeps them all)
        self.params, self.state = self.opt.update(self.grads, self.state, self.params, in_place=True)

    def weights(self) -> dict:
        return {k: v.copy() for k, v in self.params.items()}


def reference_trajectory(model: str, batch: int, dtype: str = "float64", steps: int = CHECK_STEPS):
    """(losses (steps,), params after ``steps``): the float64 reference from the run's (dtype-rounded)
    weights and data: what every configuration is compared with."""
    ref = Reference(model, batch, dtype)
    start, x = ref.params0, ref.x
    ref.params0 = {k: v.astype(np.float64) for k, v in start.items()}
    ref.x = x.astype(np.float64)
    ref.reset()
    losses = [float(ref.step()) for _ in range(steps)]
    return np.array(losses), ref.weights()


# --- PyTorch -------------------------------------------------------------------------------------

class Torch(Phased):
    def __init__(self, model: str, batch: int, dtype: str, device: str = "cpu", compile: bool = False,
                 inplace_relu: bool = False):
        import torch
        self.torch, self.device = torch, torch.device(device)
        self.keys = dense_keys(model)
        mods = []
        for name, kw in layers(model):
            mods.append(torch.nn.Linear(kw["in_features"], kw["units"]) if name == "dense"
                        else torch.nn.ReLU(inplace=inplace_relu))
        self.module = torch.nn.Sequential(*mods).to(device=self.device, dtype=getattr(torch, dtype))
        self.net = torch.compile(self.module) if compile else self.module
        self.loss_fn = torch.nn.CrossEntropyLoss()
        params0, x, y = problem(model, batch, dtype)
        self.params0 = params0
        self.x = torch.from_numpy(x).to(self.device)
        self.y = torch.from_numpy(y).to(self.device)
        self.reset()

    def sync(self):
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()

    def reset(self):
        with self.torch.no_grad():
            for k in self.keys:
                layer = self.module[int(k)]
                layer.weight.copy_(self.torch.from_numpy(self.params0[f"{k}.W"].T.copy()))   # (out, in) = Wᵀ
                layer.bias.copy_(self.torch.from_numpy(self.params0[f"{k}.b"]))
        self.opt = self.torch.optim.SGD(self.module.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)

    def forward(self):
        self.opt.zero_grad()
        self.loss = self.loss_fn(self.net(self.x), self.y)
        return self.loss

    def backward(self):
        self.loss.backward()

    def optimizer(self):
        self.opt.step()

    def weights(self) -> dict:
        out = {}
        for k in self.keys:
            layer = self.module[int(k)]
            out[f"{k}.W"] = layer.weight.detach().cpu().numpy().T.copy()
            out[f"{k}.b"] = layer.bias.detach().cpu().numpy().copy()
        return out


# --- TensorFlow / Keras --------------------------------------------------------------------------

class Keras:
    """``mode``: "eager", "function", "xla", "train_on_batch" or "fit" (module docstring)."""

    def __init__(self, model: str, batch: int, dtype: str, device: str = "cpu", mode: str = "eager"):
        import keras
        import tensorflow as tf
        self.tf, self.keras, self.mode = tf, keras, mode
        keras.config.set_floatx(dtype)     # the loss, the optimizer's variables, compile's bookkeeping: else float32
        self.keys = dense_keys(model)
        self.device = "/GPU:0" if device.startswith("cuda") else "/CPU:0"
        self.params0, x, y = problem(model, batch, dtype)
        with tf.device(self.device):
            layer_objs = [keras.layers.Dense(kw["units"], dtype=dtype) if name == "dense"
                          else keras.layers.ReLU(dtype=dtype) for name, kw in layers(model)]
            self.model = keras.Sequential([keras.Input((widths_of(model)[0],), dtype=dtype), *layer_objs])
            self.x, self.y = tf.constant(x), tf.constant(y)
        self.layers = {k: self.model.layers[int(k)] for k in self.keys}
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        hyper = np.float64 if dtype == "float64" else float    # Keras casts a Python float through float32
        self.opt = keras.optimizers.SGD(learning_rate=hyper(LEARNING_RATE), momentum=hyper(MOMENTUM))
        self.steps_per_call = 1
        if mode in ("function", "xla"):
            self._step = tf.function(self._eager_step, jit_compile=mode == "xla")
        elif mode in ("train_on_batch", "fit"):
            self.model.compile(optimizer=self.opt, loss=self.loss_fn, jit_compile=False)
        if mode == "fit":
            self.steps_per_call = 10
            self.data = tf.data.Dataset.from_tensors((self.x, self.y)).repeat()
        self.reset()

    def reset(self):
        for k, layer in self.layers.items():
            layer.kernel.assign(self.params0[f"{k}.W"])
            layer.bias.assign(self.params0[f"{k}.b"])
        if not self.opt.built:
            self.opt.build(self.model.trainable_variables)
        for v in self.opt.variables:                          # iterations and momentum buffers, not the rate
            if "learning_rate" not in v.path:
                v.assign(np.zeros(v.shape, dtype=v.dtype))

    def _eager_step(self):
        with self.tf.GradientTape() as tape:
            loss = self.loss_fn(self.y, self.model(self.x, training=True))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.opt.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    # phases: eager only (the other modes are one compiled call)
    def forward(self):
        self.tape = self.tf.GradientTape()
        with self.tape:
            self.loss = self.loss_fn(self.y, self.model(self.x, training=True))
        return self.loss

    def backward(self):
        self.grads = self.tape.gradient(self.loss, self.model.trainable_variables)

    def optimizer(self):
        self.opt.apply_gradients(zip(self.grads, self.model.trainable_variables))

    def step(self):
        with self.tf.device(self.device):
            if self.mode == "eager":
                loss = self._eager_step()
            elif self.mode in ("function", "xla"):
                loss = self._step()
            elif self.mode == "train_on_batch":
                loss = self.model.train_on_batch(self.x, self.y, return_dict=False)
            else:
                hist = self.model.fit(self.data, epochs=1, steps_per_epoch=self.steps_per_call, verbose=0)
                loss = hist.history["loss"][-1]
        return loss

    def sync(self):
        pass              # every step above returns a value computed by then (numpy() in the check)

    def weights(self) -> dict:
        out = {}
        for k, layer in self.layers.items():
            out[f"{k}.W"] = np.asarray(layer.kernel.numpy())
            out[f"{k}.b"] = np.asarray(layer.bias.numpy())
        return out


def build(framework: str, model: str, batch: int, dtype: str, device: str):
    """The workload object of ``framework`` (``FRAMEWORKS``)."""
    if framework == "reference":
        return Reference(model, batch, dtype)
    if framework in ("torch", "torch_compile"):
        return Torch(model, batch, dtype, device, compile=framework == "torch_compile")
    mode = {"tf_eager": "eager", "tf_function": "function", "tf_xla": "xla",
            "keras_train_on_batch": "train_on_batch", "keras_fit": "fit"}[framework]
    return Keras(model, batch, dtype, device, mode)
