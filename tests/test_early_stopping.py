"""Early stopping: the reference state machine, epoch by epoch, the composed torch decision
against it, and the measured Keras behaviour it models (float32 decisions, restore at the end of
training)."""
import numpy as np
import pytest

import reference
from conformance import frameworks


def run(values, **kw):
    """(epochs run, best epoch) of the reference on a fixed sequence of validation losses."""
    es = reference.get("regularizer", "early_stopping")(**kw)
    state = es.init()
    for epoch, v in enumerate(values):
        state, _ = es.update(state, epoch, v)
        if state.stopped_epoch is not None:
            return epoch + 1, state.best_epoch
    return len(values), state.best_epoch


ZIGZAG = [5.0, 5.2, 4.0, 4.1, 3.5, 3.6, 3.7, 3.8, 3.0]


@pytest.mark.parametrize("kw,want", [
    ({}, (2, 0)),                                   # stops at the first epoch without improvement
    ({"patience": 1}, (2, 0)),                      # patience 0 and 1 coincide
    ({"patience": 2}, (7, 4)),                      # survives single bad epochs: the wait resets
    ({"patience": 4}, (9, 8)),
    ({"patience": 2, "min_delta": 0.6}, (5, 2)),    # 4.0 → 3.5 improves by 0.5 < 0.6: no reset
])
def test_state_machine(kw, want):
    assert run(ZIGZAG, **kw) == want


def test_min_delta_is_strict():
    assert run([1.0, 0.75, 0.5], min_delta=0.25) == (2, 0)   # an improvement of exactly min_delta does not count
    assert run([1.0, 0.7, 0.4], min_delta=0.25) == (3, 2)


def test_float32_comparison():
    values = [1.0, 1.0 - 1e-9, 1.0 - 2e-9]
    assert run(values) == (3, 2)
    assert run(values, float32_comparison=True) == (2, 0)


@pytest.mark.parametrize("kw", [{}, {"patience": 2}, {"patience": 4}, {"patience": 2, "min_delta": 0.6}])
def test_torch_composed_decision_matches_the_state_machine(kw):
    """torch's loop: ``improved = es.update(v)`` each epoch, stop when ``es.should_stop()``."""
    try:
        fw = frameworks.load("torch")
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    es = fw.registry.get("regularizer", "early_stopping").build(**kw).module
    best_epoch, epochs = -1, len(ZIGZAG)
    for epoch, v in enumerate(ZIGZAG):
        improved = es.update(v)
        best_epoch = epoch if improved else best_epoch
        if es.should_stop():
            epochs = epoch + 1
            break
    assert (epochs, best_epoch) == run(ZIGZAG, **kw)


@pytest.mark.parametrize("framework,float32_comparison", [("torch", False), ("keras", True)])
def test_builders_declare_how_they_compare(framework, float32_comparison):
    try:
        fw = frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    built = fw.registry.get("regularizer", "early_stopping").build()
    assert built.module.fixed == {"float32_comparison": float32_comparison}


def test_keras_decides_in_float32_under_floatx_float64():
    """The fact behind the divergence record: ops.less on Python floats makes float32 tensors."""
    try:
        frameworks.load("keras")
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    import keras
    from tf_impl.runner import set_dtype
    set_dtype("float64")
    es = keras.callbacks.EarlyStopping(monitor="val_loss", mode="min")
    es._set_monitor_op()
    assert not bool(es._is_improvement(1.0 - 1e-9, 1.0))
    assert bool(es._is_improvement(1.0 - 1e-6, 1.0))


def test_keras_restores_best_weights_without_stopping():
    """Keras 3 restores in on_train_end whenever it kept weights, stopped early or not; the
    reference does the same (the patience_zigzag case runs out of epochs and still restores)."""
    try:
        frameworks.load("keras")
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))
    import keras
    from tf_impl.runner import set_dtype
    set_dtype("float64")
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    es = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
    es.set_model(model)
    es.on_train_begin()
    best = [w.copy() for w in model.get_weights()]
    es.on_epoch_end(0, {"val_loss": 1.0})
    model.set_weights([w + 1 for w in best])
    es.on_epoch_end(1, {"val_loss": 2.0})
    assert es.stopped_epoch == 0                    # patience 5: no early stop
    es.on_train_end()
    for got, want in zip(model.get_weights(), best):
        np.testing.assert_array_equal(got, want)
