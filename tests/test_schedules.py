"""Learning-rate schedules: reference values at known counts, the named conventions, and the
Keras restart off-by-one found by the catalog (cosine_decay_restarts[default])."""
import math

import numpy as np
import pytest

import reference


def sched(name, **kw):
    return reference.get("schedule", name)(**kw)


def test_known_values():
    assert [sched("step_decay", initial_learning_rate=1.0, step_size=2, gamma=0.5)(c) for c in range(5)] == \
        [1.0, 1.0, 0.5, 0.5, 0.25]
    assert sched("exponential_decay", initial_learning_rate=1.0, decay_rate=0.5, decay_steps=2)(3) == 0.5 ** 1.5
    assert sched("inverse_time_decay", initial_learning_rate=1.0, decay_steps=2, decay_rate=1.0)(3) == 1 / 2.5
    assert sched("inverse_time_decay", initial_learning_rate=1.0, decay_steps=2, decay_rate=1.0, staircase=True)(3) == 0.5
    poly = sched("polynomial_decay", initial_learning_rate=1.0, decay_steps=4, end_learning_rate=0.1, power=2.0)
    assert [poly(c) for c in (0, 2, 4, 9)] == [1.0, 0.9 * 0.25 + 0.1, 0.1, 0.1]


def test_piecewise_switch_is_one_update_apart():
    at = sched("piecewise_constant", boundaries=(3,), values=(1.0, 2.0), switch="at_boundary")
    after = sched("piecewise_constant", boundaries=(3,), values=(1.0, 2.0), switch="after_boundary")
    assert [at(c) for c in range(6)] == [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
    assert [after(c) for c in range(6)] == [1.0, 1.0, 1.0, 1.0, 2.0, 2.0]


def test_cosine_holds_or_climbs_back_after_the_decay():
    hold = sched("cosine_decay", initial_learning_rate=1.0, decay_steps=10, alpha=0.1)
    periodic = sched("cosine_decay", initial_learning_rate=1.0, decay_steps=10, alpha=0.1, periodic=True)
    assert hold(10) == pytest.approx(0.1) and hold(20) == pytest.approx(0.1)
    assert periodic(10) == pytest.approx(0.1) and periodic(20) == pytest.approx(1.0)


def test_cosine_warmup_is_linear_then_cosine_from_the_peak():
    s = sched("cosine_decay", initial_learning_rate=0.0, decay_steps=10, warmup_steps=4, warmup_target=1.0)
    assert [s(c) for c in range(5)] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert s(9) == pytest.approx(0.5)


def test_restarts_counted():
    s = sched("cosine_decay_restarts", initial_learning_rate=1.0, first_decay_steps=10, t_mul=2.0, m_mul=0.5)
    assert s(0) == 1.0 and s(10) == 0.5 and s(30) == 0.25 and s(70) == 0.125
    assert s(20) == pytest.approx(0.5 * 0.5 * (1 + math.cos(math.pi * 0.5)))


def test_restart_index_by_logarithm_lands_one_update_late():
    """float64: log(1 + 7)·(1/log 2) = 2.9999999999999996 (the graph form) and
    log(3⁵)/log(3) = 4.999999999999999 (the eager form)."""
    kw = dict(initial_learning_rate=1.0, first_decay_steps=10, t_mul=2.0)
    assert sched("cosine_decay_restarts", restart_index="count", **kw)(70) == 1.0
    assert sched("cosine_decay_restarts", restart_index="log", **kw)(70) == 1.0
    assert sched("cosine_decay_restarts", restart_index="log_reciprocal", **kw)(70) == 0.0
    kw = dict(initial_learning_rate=1.0, first_decay_steps=1, t_mul=3.0)
    assert sched("cosine_decay_restarts", restart_index="count", **kw)(121) == 1.0
    assert sched("cosine_decay_restarts", restart_index="log", **kw)(121) == 0.0


@pytest.mark.parametrize("first,t_mul", [(10, 2.0), (7, 2.0), (1, 3.0), (4, 1.0)])
def test_keras_restarts_match_the_log_forms(first, t_mul):
    """Keras CosineDecayRestarts is "log" when called eagerly and "log_reciprocal" inside tf.function
    (Grappler constant folding rewrites x / constant as x · (1/constant))."""
    pytest.importorskip("tf_impl")
    import keras
    import tensorflow as tf
    keras_s = keras.optimizers.schedules.CosineDecayRestarts(np.float64(1.0), first, t_mul=np.float64(t_mul))
    graph = tf.function(lambda c: keras_s(c))
    eager_ref = sched("cosine_decay_restarts", initial_learning_rate=1.0, first_decay_steps=first, t_mul=t_mul,
                      restart_index="log")
    graph_ref = sched("cosine_decay_restarts", initial_learning_rate=1.0, first_decay_steps=first, t_mul=t_mul,
                      restart_index="log_reciprocal")
    for c in range(0, 160):
        assert float(keras_s(c)) == pytest.approx(eager_ref(c), rel=0, abs=1e-15), c
        assert float(graph(tf.constant(c, tf.int64))) == pytest.approx(graph_ref(c), rel=0, abs=1e-15), c


def test_torch_schedulers_follow_the_reference_per_update():
    """ADVANCE['torch']: scheduler.step() after every optimizer.step() gives f(t − 1) at update t."""
    torch = pytest.importorskip("torch")
    import torch_impl
    torch_impl.load_all()
    kw = dict(initial_learning_rate=0.5, decay_steps=6, alpha=0.2)
    spec = torch_impl.REGISTRY.get("schedule", "cosine_decay").build(**kw).module
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=spec.base_lr)
    scheduler = spec.make(opt)
    ref = sched("cosine_decay", **kw, **spec.fixed)               # torch's periodic cosine, as its builder says
    got = []
    for _ in range(15):
        got.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    np.testing.assert_allclose(got, ref.values(15), rtol=1e-13, atol=1e-16)
