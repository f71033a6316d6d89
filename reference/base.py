"""The two shapes of reference component.

``Module`` (layers and activations)::

    y, cache = m.forward(x, params, training=False, rng=None, noise=None)
    dx, dparams = m.backward(dy, cache)

``Loss``::

    loss, cache = l.forward(y_pred, y_true)
    dy_pred = l.backward(dloss, cache)

Settings live on the object (validated in ``__init__``); parameters and caches are plain
dicts/tuples passed in and out, so every array a reader wants to inspect is explicit.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import validate
from reference.conventions import REDUCTIONS

Params = dict[str, np.ndarray]


class Module:
    """A layer or activation with an explicit forward and backward pass."""

    #: True when ``forward`` draws random numbers in training (RReLU, dropout).
    random = False
    #: False for components whose gradient is defined as zero (step, sign).
    differentiable = True
    #: True for components with state that training updates (batch normalization's running
    #: statistics). Their forward takes and returns it, as an optimizer's update does:
    #:     state = m.init_state(in_features, dtype)
    #:     y, state, cache = m.forward(x, params, state, training=True)
    #:     dx, dparams = m.backward(dy, cache)
    stateful = False
    #: "float" (float32/float64, with an input gradient) or "int" (indices, e.g. embedding): an integer
    #: input has no gradient; ``backward`` returns None for it and only the parameters' gradients.
    input_kind = "float"
    #: True when ``backward(dy, cache, input_grad=False)`` skips the input gradient (returns None for
    #: it): Dense. A model's first layer needs no gradient for its data (``Sequential.backward``).
    skips_input_grad = False
    #: True when ``forward`` and ``backward`` take ``out=``, an array to write the result into (it may be
    #: their input: elementwise activations, ReLU). ``Sequential`` passes its own intermediate arrays.
    accepts_out = False

    def init_state(self, in_features: int, dtype: Any = np.float64) -> dict[str, np.ndarray]:
        """Stateful components: the state before the first training step."""
        return {}

    def param_shapes(self, in_features: int) -> dict[str, tuple[int, ...]]:
        """Shapes of the learned parameters for an input whose last axis has ``in_features``."""
        return {}

    def init_params(self, rng: np.random.Generator, in_features: int, dtype: Any = np.float64) -> Params:
        """Parameters drawn for tests: N(0, 1/in_features) unless a component overrides it."""
        return {name: (rng.standard_normal(shape) / np.sqrt(max(in_features, 1))).astype(dtype)
                for name, shape in self.param_shapes(in_features).items()}

    def output_features(self, in_features: int) -> int:
        return in_features

    def output_shape(self, x_shape: tuple[int, ...]) -> tuple[int, ...]:
        """The output's shape for an input of ``x_shape``: the last axis changes (flatten overrides it)."""
        return tuple(x_shape[:-1]) + (self.output_features(x_shape[-1]),)

    def forward(self, x: np.ndarray, params: Params, *, training: bool = False,
                rng: np.random.Generator | None = None, noise: Any = None) -> tuple[np.ndarray, Any]:
        raise NotImplementedError

    def backward(self, dy: np.ndarray, cache: Any) -> tuple[np.ndarray, Params]:
        raise NotImplementedError

    def check_forward(self, x: np.ndarray, params: Params) -> np.ndarray:
        """The boundary of ``forward``: x a float array (``reference.conventions.DTYPES``) with a
        feature axis; params exactly the names of ``param_shapes``, each of x's dtype and its shape."""
        validate.array("x", x, min_ndim=1)
        shapes = self.param_shapes(x.shape[-1])
        validate.keys("params", params, shapes)
        for name, shape in shapes.items():
            validate.array(f"params[{name!r}]", params[name], shape=shape, dtype_of=("x", x.dtype))
        return x

    def check_backward(self, dy: np.ndarray, y_shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        """The boundary of ``backward``: dy has the output's shape and dtype."""
        return validate.array("dy", dy, shape=y_shape, dtype_of=("the forward pass", dtype))

    def check_out(self, out: np.ndarray | None, like: np.ndarray) -> np.ndarray | None:
        """The boundary of ``out=``: None, or an array of ``like``'s shape and dtype."""
        if out is not None:
            validate.array("out", out, shape=like.shape, dtype_of=("the input", like.dtype))
        return out

    def draw_noise(self, rng: np.random.Generator, shape: tuple[int, ...]) -> Any:
        """Random components: the noise one training-mode forward pass uses for input ``shape``.
        ``forward(..., training=True, noise=None, rng=rng)`` calls this."""
        raise NotImplementedError

    def check_noise(self, noise: Any) -> None:
        """Raise ValueError when ``noise`` (recovered from a framework) is not a valid draw."""

    def __call__(self, x: np.ndarray, params: Params | None = None, **kw: Any) -> np.ndarray:
        return self.forward(x, params or {}, **kw)[0]


class Loss:
    """A loss with an explicit forward and backward pass and a reduction."""

    #: dtype family of y_true: "float" (same dtype as y_pred) or "int" (class labels).
    target_kind = "float"
    #: Elementwise losses reduce over every element; per-sample losses over the batch.
    elementwise = True
    #: Closed ranges the entries must lie in (``reference.losses.checks.Domain``); None: any value.
    pred_domain = None
    target_domain = None

    def __init__(self, reduction: str = "mean"):
        self.reduction = validate.choice("reduction", reduction, REDUCTIONS)

    # The unreduced value and its derivative w.r.t. y_pred; subclasses implement these.
    def unreduced(self, y_pred: np.ndarray, y_true: np.ndarray) -> tuple[np.ndarray, Any]:
        raise NotImplementedError

    def unreduced_backward(self, dvalues: np.ndarray, cache: Any) -> np.ndarray:
        raise NotImplementedError

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray) -> tuple[np.ndarray, Any]:
        from reference.losses.checks import check_inputs   # here: the loss modules import this one
        check_inputs(self, y_pred, y_true)                  # dtypes, shapes, domains
        values, cache = self.unreduced(y_pred, y_true)   # (N, C) elementwise or (N,) per sample
        if self.reduction == "none":
            out = values
        elif self.reduction == "sum":
            out = values.sum()
        else:
            out = values.mean()
        return np.asarray(out, dtype=y_pred.dtype), (values.shape, values.dtype, cache)

    def backward(self, dloss: np.ndarray, cache: Any) -> np.ndarray:
        shape, dtype, inner = cache
        dloss = np.asarray(dloss, dtype=dtype)
        if self.reduction == "none":
            dvalues = dloss
        elif self.reduction == "sum":
            dvalues = np.broadcast_to(dloss, shape)
        else:
            dvalues = np.broadcast_to(dloss / np.prod(shape), shape)
        return self.unreduced_backward(dvalues.astype(dtype), inner)

    def __call__(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return self.forward(y_pred, y_true)[0]
