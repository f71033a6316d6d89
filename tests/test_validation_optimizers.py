"""Bad arguments to optimizers, schedules and clipping.

The reference always raises, naming the argument, the value and what is allowed. The frameworks'
own constructors are tested as they are: where they raise, the builders let that error through;
where they accept a bad value, the test records it (so a framework change shows up here).
Rows are data: (kind, name, kwargs, words the message must contain).
"""
import numpy as np
import pytest

import reference

BAD = [
    ("optimizer", "sgd", {"learning_rate": -0.1}, ["learning_rate=-0.1", ">= 0"]),
    ("optimizer", "sgd", {"momentum": 1.0}, ["momentum=1.0", "[0.0, 1.0)"]),
    ("optimizer", "sgd", {"nesterov": True}, ["nesterov=True", "momentum > 0"]),
    ("optimizer", "sgd", {"momentum": 0.9, "dampening": 0.1, "nesterov": True}, ["dampening = 0"]),
    ("optimizer", "sgd", {"momentum_form": "keras"}, ["momentum_form='keras'", "'gradient'", "'step'"]),
    ("optimizer", "sgd", {"weight_decay": -1e-4}, ["weight_decay=-0.0001"]),
    ("optimizer", "sgd", {"weight_decay_mode": "l2"}, ["weight_decay_mode='l2'", "'coupled'", "'decoupled'"]),
    ("optimizer", "adagrad", {"initial_accumulator_value": -0.1}, ["initial_accumulator_value=-0.1"]),
    ("optimizer", "adagrad", {"epsilon_placement": "inside"}, ["epsilon_placement='inside'", "'inside_sqrt'"]),
    ("optimizer", "rmsprop", {"rho": 1.5}, ["rho=1.5", "[0.0, 1.0)"]),
    ("optimizer", "rmsprop", {"epsilon": -1e-8}, ["epsilon=-1e-08"]),
    ("optimizer", "adadelta", {"rho": -0.1}, ["rho=-0.1"]),
    ("optimizer", "adam", {"beta_1": 1.0}, ["beta_1=1.0", "[0.0, 1.0)"]),
    ("optimizer", "adam", {"beta_2": -0.5}, ["beta_2=-0.5"]),
    ("optimizer", "adam", {"learning_rate": float("nan")}, ["learning_rate=nan", "finite"]),
    ("optimizer", "adam", {"amsgrad": 1}, ["amsgrad=1", "True or False"]),
    ("optimizer", "adam", {"epsilon_placement": "hat"}, ["epsilon_placement='hat'", "'before_correction'"]),
    ("optimizer", "adamw", {"weight_decay": -0.01}, ["weight_decay=-0.01"]),
    ("optimizer", "adamax", {"epsilon_placement": "outside"}, ["epsilon_placement='outside'", "'in_max'"]),
    ("optimizer", "nadam", {"momentum_decay": -1.0}, ["momentum_decay=-1.0"]),
    ("schedule", "constant_lr", {"learning_rate": -1.0}, ["learning_rate=-1.0"]),
    ("schedule", "step_decay", {"step_size": 0}, ["step_size=0", ">= 1"]),
    ("schedule", "exponential_decay", {"decay_steps": 2.5}, ["decay_steps=2.5", "integer"]),
    ("schedule", "inverse_time_decay", {"decay_rate": -0.5}, ["decay_rate=-0.5"]),
    ("schedule", "polynomial_decay", {"power": -1.0}, ["power=-1.0"]),
    ("schedule", "piecewise_constant", {"boundaries": (10,), "values": (0.1,)}, ["values=(0.1,)", "2 values"]),
    ("schedule", "piecewise_constant", {"boundaries": (20, 10), "values": (0.1, 0.2, 0.3)}, ["strictly increasing"]),
    ("schedule", "piecewise_constant", {"switch": "before"}, ["switch='before'", "'at_boundary'"]),
    ("schedule", "cosine_decay", {"alpha": 1.5}, ["alpha=1.5", "[0.0, 1.0]"]),
    ("schedule", "cosine_decay", {"warmup_steps": 10}, ["warmup_steps=10", "warmup_target=None", "both"]),
    ("schedule", "cosine_decay_restarts", {"t_mul": 0.5}, ["t_mul=0.5", ">= 1.0"]),
    ("schedule", "cosine_decay_restarts", {"restart_index": "float"}, ["restart_index='float'", "'count'"]),
    ("clipping", "global_norm", {"max_norm": 0.0}, ["max_norm=0.0", "> 0.0"]),
    ("clipping", "per_tensor_norm", {"max_norm": -1.0}, ["max_norm=-1.0"]),
    ("clipping", "per_tensor_norm", {"epsilon": -1e-6}, ["epsilon=-1e-06"]),
    ("clipping", "value", {"clip_value": -1.0}, ["clip_value=-1.0", "> 0.0"]),
]


@pytest.mark.parametrize("kind", ["optimizer", "schedule", "clipping"])
def test_unknown_name_lists_valid_names(kind):
    with pytest.raises(KeyError) as info:
        reference.get(kind, "no_such_thing")
    message = str(info.value)
    assert "no_such_thing" in message and "valid names" in message
    assert reference.all_names(kind)[0] in message


def test_a_schedule_object_is_a_valid_learning_rate():
    sched = reference.get("schedule", "exponential_decay")(initial_learning_rate=0.1, decay_rate=0.5)
    opt = reference.get("optimizer", "sgd")(learning_rate=sched)
    assert opt.lr_at(0) == 0.1 and opt.lr_at(1) == 0.05
    with pytest.raises(ValueError, match="learning_rate='fast'"):
        reference.get("optimizer", "sgd")(learning_rate="fast")


# --- the frameworks' constructors (each test skips without its framework) -----------------------

TORCH_RAISES = [
    ("sgd", {"learning_rate": -0.1}, "Invalid learning rate"),
    ("sgd", {"nesterov": True}, "Nesterov momentum requires a momentum and zero dampening"),
    ("adam", {"beta_1": 1.0}, "Invalid beta parameter at index 0"),
    ("adam", {"beta_2": 1.5}, "Invalid beta parameter at index 1"),
    ("adam", {"epsilon": -1e-8}, "Invalid epsilon value"),
    ("adagrad", {"initial_accumulator_value": -0.1}, "Invalid initial_accumulator_value"),
    ("adadelta", {"rho": 1.5}, "Invalid rho value"),
    ("adamax", {"beta_1": 1.0}, "Invalid beta parameter at index 0"),
    ("adamw", {"weight_decay": -0.01}, "Invalid weight_decay value"),
    ("nadam", {"momentum_decay": -1.0}, "Invalid momentum_decay value"),
]


@pytest.mark.parametrize("name,kwargs,message", TORCH_RAISES, ids=[f"{n}-{'-'.join(k)}" for n, k, _ in TORCH_RAISES])
def test_torch_constructors_raise(name, kwargs, message):
    torch = pytest.importorskip("torch")
    import torch_impl
    torch_impl.load_all()
    spec = torch_impl.REGISTRY.get("optimizer", name).build(**kwargs).module
    with pytest.raises(ValueError, match=message):
        spec.make([torch.nn.Parameter(torch.zeros(3))])


def test_torch_accepts_what_it_does_not_check():
    """Recorded as found: torch.optim.RMSprop checks alpha >= 0 only; clip_grad_norm_ takes a
    negative max_norm and flips the gradient; clip_grad_value_ with a negative value sets every
    entry to that value (clamp with min > max)."""
    torch = pytest.importorskip("torch")
    p = torch.nn.Parameter(torch.zeros(3))
    torch.optim.RMSprop([p], alpha=1.5)
    p.grad = torch.tensor([0.5, -2.0, 3.0])
    torch.nn.utils.clip_grad_norm_([p], -1.0)
    assert torch.all(torch.sign(p.grad) == -torch.sign(torch.tensor([0.5, -2.0, 3.0])))
    p.grad = torch.tensor([0.5, -2.0, 3.0])
    torch.nn.utils.clip_grad_value_([p], -1.0)
    assert torch.equal(p.grad, torch.full((3,), -1.0))


def test_torch_builders_refuse_what_torch_cannot_express():
    pytest.importorskip("torch")
    import torch_impl
    torch_impl.load_all()
    get = torch_impl.REGISTRY.get
    with pytest.raises(ValueError, match="end_learning_rate=0.0001 is not allowed"):
        get("schedule", "polynomial_decay").build(end_learning_rate=1e-4)
    with pytest.raises(ValueError, match="m_mul=0.5 is not allowed"):
        get("schedule", "cosine_decay_restarts").build(m_mul=0.5)
    with pytest.raises(ValueError, match="t_mul=1.5 is not allowed"):
        get("schedule", "cosine_decay_restarts").build(t_mul=1.5)
    with pytest.raises(ValueError, match=r"values=\(0.1, 0.05, 0.01\) is not allowed"):
        get("schedule", "piecewise_constant").build(values=(0.1, 0.05, 0.01))


KERAS_RAISES = [
    (lambda K: K.optimizers.SGD(momentum=1.5), "`momentum` must be a float between"),
    (lambda K: K.optimizers.SGD(clipnorm=1.0, clipvalue=1.0), "Only one of `clipnorm`, `clipvalue`"),
    (lambda K: K.optimizers.AdamW(weight_decay=None), "Argument `weight_decay` must be a float"),
    (lambda K: K.optimizers.schedules.ExponentialDecay(0.1, 0, 0.5), "`decay_steps` must be > 0"),
    (lambda K: K.optimizers.schedules.CosineDecayRestarts(0.1, 0), "`first_decay_steps` must be > 0"),
    (lambda K: K.optimizers.schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2]), "length of boundaries"),
]


@pytest.mark.parametrize("make,message", KERAS_RAISES, ids=range(len(KERAS_RAISES)))
def test_keras_constructors_raise(make, message):
    pytest.importorskip("tf_impl")
    import keras
    with pytest.raises(ValueError, match=message):
        make(keras)


def test_keras_accepts_what_it_does_not_check():
    """Recorded as found: Keras optimizers take a negative learning rate, β outside [0, 1), a
    negative ε or initial accumulator, and skip clipping silently when clipnorm <= 0
    (``if self.clipnorm and self.clipnorm > 0``)."""
    pytest.importorskip("tf_impl")
    import keras
    keras.optimizers.Adam(learning_rate=-1.0, beta_1=1.5, epsilon=-1.0)
    keras.optimizers.RMSprop(rho=1.5)
    keras.optimizers.Adagrad(initial_accumulator_value=-1.0)
    opt = keras.optimizers.SGD(learning_rate=1.0, clipnorm=-1.0)
    v = keras.Variable(np.zeros(3))
    opt.apply_gradients([(np.array([3.0, 4.0, 0.0]), v)])
    np.testing.assert_array_equal(v.numpy(), [-3.0, -4.0, 0.0])      # not clipped to norm 1
