"""Examples three ways (``conformance/study.py``): every example has its six ways (or a stated reason), each
way is the function the harness calls and agrees with the reference through the harness in both dtypes, a
planted departure is caught, unknown names are clear errors, and every example's notebook runs.

All examples run through the harness in ``test_conformance.py`` (their cases are the "example" family's);
here the XOR example is run with every check's name inspected."""
import inspect
import textwrap

import numpy as np
import pytest

import reference
from conformance import catalog, frameworks, harness, study
from conformance.case import DTYPES, FRAMEWORKS

NAMES = list(study.EXAMPLES)


def _require(framework):
    try:
        frameworks.load(framework)
    except frameworks.Unavailable as exc:
        pytest.skip(str(exc))


def _all_frameworks():
    for fw in FRAMEWORKS:
        _require(fw)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_has_six_ways_or_says_why(name):
    _all_frameworks()
    ex = study.EXAMPLES[name]
    have = [w.key for w in study.ways(name)]
    assert sorted(have + list(ex.missing)) == sorted(study.WAY_KEYS), f"{name}: ways {have}, missing {ex.missing}"
    assert all(reason.strip() for reason in ex.missing.values()), f"{name}: a missing way without a reason"
    assert ex.step in study.STEPS
    assert ex.spec is None or (study.ROOT / ex.spec).exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_a_case_of_the_catalog_and_names_real_components(name):
    case = study.case(name)
    assert [c for c in catalog.all_cases() if (c.family, c.id) == ("example", case.id)] == [case]
    reference.get("example", case.component)                 # the network's module is registered
    for comp in study.EXAMPLES[name].components:
        family, _, component = comp.partition("/")
        reference.get(family, component)


@pytest.mark.parametrize("name", NAMES)
def test_source_is_the_code_of_the_function(name):
    """``source(way)`` is ``inspect.getsource`` of the way's function, found at the path and line it gives."""
    _all_frameworks()
    for way in study.ways(name):
        code, path, line = study.source(way)
        assert code == inspect.getsource(way.function)
        assert (study.ROOT / path).read_text().splitlines()[line - 1] == code.splitlines()[0]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_way_of_xor_agrees_with_the_reference_through_the_harness(framework, dtype, monkeypatch):
    """The harness calls exactly the ways' functions (recorded through ``study.run``), and each passes its
    loss and weight checks within the table's tolerance."""
    _require(framework)
    called = []
    real_run = study.run
    monkeypatch.setattr(study, "run", lambda way, data: called.append(way.function) or real_run(way, data))
    records = harness.run_case(study.case("xor"), framework, dtype)
    bad = [f"{r.check}: {r.status} {r.note}" for r in records if r.status != "pass"]
    assert not bad, "\n".join(bad)
    ways = study.ways("xor", frameworks=("reference", framework))
    assert called == [w.function for w in ways]
    checks = {r.check for r in records}
    for way in ways:
        assert {f"{way.key}:loss", *(f"{way.key}:weight:{k}" for k in ("W1", "b1", "W2", "b2"))} <= checks, way.key
    assert all(r.tolerance_ratio is not None and r.tolerance_ratio <= 1 for r in records)


def _planted(way: study.Way, old: str, new: str):
    """A copy of ``way``'s function with ``old`` replaced by ``new`` in its source (one occurrence)."""
    code = textwrap.dedent(study.source(way)[0])
    assert code.count(old) == 1, old
    namespace = dict(way.function.__globals__)
    exec(compile(code.replace(old, new), "<planted>", "exec"), namespace)   # noqa: S102 - our own source
    return namespace[way.function.__name__]


@pytest.mark.parametrize("dtype", DTYPES)
def test_a_wrong_sign_planted_in_the_numpy_way_is_caught(dtype, monkeypatch):
    _require("torch")
    numpy_way = study.ways("xor", frameworks=("reference",))[0]
    wrong = _planted(numpy_way, "W2 -= learning_rate * dW2", "W2 += learning_rate * dW2")
    real_entry = study._entry
    monkeypatch.setattr(study, "_entry", lambda spec, network: wrong if spec.key == "numpy_by_hand"
                        else real_entry(spec, network))
    records = harness.run_case(study.case("xor"), "torch", dtype)
    failed = {r.check for r in records if r.status == "fail"}
    assert "numpy_by_hand:weight:W2" in failed and "numpy_by_hand:loss" in failed
    assert not any(c.startswith("torch_") for c in failed), failed


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("key", ["torch_high_level", "keras_functional"])
def test_a_learning_rate_off_by_a_thousandth_is_caught(key, dtype, monkeypatch):
    framework = "torch" if key.startswith("torch") else "keras"
    _require(framework)
    real_entry = study._entry

    def entry(spec, network):
        function = real_entry(spec, network)
        if spec.key != key:
            return function
        return lambda x, y, params, *, learning_rate, **kw: function(x, y, params, learning_rate=learning_rate * 1.001,
                                                                    **kw)
    monkeypatch.setattr(study, "_entry", entry)
    records = harness.run_case(study.case("planar"), framework, dtype)
    failed = {r.check for r in records if r.status == "fail"}
    assert {f"{key}:weight:W1", f"{key}:weight:W2"} <= failed, failed
    assert all(c.startswith(key) for c in failed), failed


def test_the_ways_of_tutorial_adam_each_follow_their_framework_and_the_placement_shows():
    """torch's ways are checked against the reference with ε after the bias correction (the reference's
    default: nothing told), Keras's with ε before it and 1 − βᵗ in the variables' dtype, as Keras's divergence
    records say, and the TensorFlow by-hand way with its stated departure (1 − βᵗ exact); the two placements'
    weights lie apart by more than the float64 tolerance, so a way written in the other framework's form
    would fail."""
    from conformance.checkers.example import reference_run
    told = {w.key: study.convention("tutorial_adam", w) for w in study.ways("tutorial_adam")}
    assert told["numpy_by_hand"] == told["torch_by_hand"] == told["torch_high_level"] == {}
    assert told["keras_sequential"] == {"optimizer": {"epsilon_placement": "before_correction",
                                                      "bias_correction": "in_dtype"}}
    assert told["tf_by_hand"] == {"optimizer": {"epsilon_placement": "before_correction", "bias_correction": "exact"}}
    data = study.inputs("tutorial_adam", "float64")
    after = reference_run("tutorial_adam", data, {})
    before = reference_run("tutorial_adam", data, {"optimizer": {"epsilon_placement": "before_correction"}})
    apart = max(np.max(np.abs(after["weights"][k] - before["weights"][k]) / np.abs(after["weights"][k]).max())
                for k in after["weights"])
    assert apart > 100 * 1e-10, apart


def test_every_spec_file_is_an_example_or_says_why_not_yet():
    specs = {path.stem for path in (study.ROOT / "examples").glob("*.toml")}
    assert not set(study.NOT_YET) & set(study.EXAMPLES)
    assert specs <= set(study.EXAMPLES) | set(study.NOT_YET), sorted(specs - set(study.EXAMPLES) - set(study.NOT_YET))
    assert all(reason.strip() for reason in study.NOT_YET.values())


def test_unknown_example_names_the_valid_ones():
    for call in (study.ways, study.notebook, study.get, study.case, lambda n: study.inputs(n, "float64")):
        with pytest.raises(KeyError, match="unknown example 'nope'; valid examples: xor, planar"):
            call("nope")


def test_inputs_are_the_same_for_every_call_and_in_the_reference_layout():
    a, b = study.inputs("planar", "float32"), study.inputs("planar", "float32")
    assert np.array_equal(a["x"], b["x"]) and all(np.array_equal(a["params"][k], b["params"][k]) for k in a["params"])
    assert a["params"]["W1"].shape == (2, 4) and a["params"]["W1"].dtype == np.float32        # (in, out)
    assert [len(o) for o in a["kwargs"]["orders"]] == [40] * 5
    assert not np.array_equal(a["kwargs"]["orders"][0], a["kwargs"]["orders"][1])            # shuffled per epoch


def test_notebook_is_built_from_the_source():
    _all_frameworks()
    nb = study.notebook("xor")
    code_cells = [c.source for c in nb.cells if c.cell_type == "code"]
    for way in study.ways("xor"):
        code = study.source(way)[0].rstrip()
        assert sum(code in cell for cell in code_cells) == 1, way.key
    assert "teaches" not in nb.cells[0].source and study.EXAMPLES["xor"].teaches in nb.cells[0].source


# --- the dropout network's high-level ways draw their own masks ----------------------------------------------

OWN_MASKS = study.EXAMPLES["dropout"].own_masks


def _wrapped(monkeypatch, key, change):
    """``study._entry`` patched so that way ``key`` returns ``change(result)`` instead of its result."""
    real_entry = study._entry

    def entry(spec, network):
        function = real_entry(spec, network)
        if spec.key != key:
            return function
        return lambda *args, **kwargs: change(function(*args, **kwargs))
    monkeypatch.setattr(study, "_entry", entry)


def test_the_high_level_dropout_ways_draw_their_own_masks_and_return_them():
    """Each update's masks, read back, are the framework's draws: not the masks the by-hand ways are given,
    about 1 − p of the units kept, and the same again from the same seed."""
    _all_frameworks()
    data = study.inputs("dropout", "float32")
    given = data["kwargs"]["masks"]
    for way in study.ways("dropout"):
        assert way.own_masks == (way.key in OWN_MASKS), way.key
        if not way.own_masks:
            continue
        masks = study.run(way, data)["masks"]
        assert len(masks) == len(given) and all(m.dtype == np.bool_ for step in masks for m in step)
        assert not all(np.array_equal(a, b) for got, want in zip(masks, given) for a, b in zip(got, want)), way.key
        kept = np.mean([m.mean() for step in masks for m in step])
        assert 0.6 < kept < 0.8, (way.key, kept)
        again = study.run(way, data)["masks"]
        assert all(np.array_equal(a, b) for got, want in zip(masks, again) for a, b in zip(got, want)), way.key


@pytest.mark.parametrize("key", OWN_MASKS)
def test_a_dropout_mask_other_than_the_one_drawn_is_caught(key, monkeypatch):
    """A way whose returned masks are not those its layers used fails: the first update's first mask
    inverted moves the reference away from the framework's weights."""
    framework = "torch" if key.startswith("torch") else "keras"
    _require(framework)

    def invert_first(result):
        result["masks"][0][0] = ~np.asarray(result["masks"][0][0])
        return result
    _wrapped(monkeypatch, key, invert_first)
    records = harness.run_case(study.case("dropout"), framework, "float64")
    failed = {r.check for r in records if r.status == "fail"}
    assert {f"{key}:weight:W1", f"{key}:weight:W2"} <= failed, failed
    assert all(c.startswith(key) for c in failed), failed


def test_masks_missing_an_update_are_a_failed_check(monkeypatch):
    _require("torch")

    def drop_last(result):
        result["masks"] = result["masks"][:-1]
        return result
    _wrapped(monkeypatch, "torch_high_level", drop_last)
    records = {r.check: r for r in harness.run_case(study.case("dropout"), "torch", "float64")}
    assert records["torch_high_level:masks"].status == "fail"
    assert "updates' masks read back: expected" in records["torch_high_level:masks"].note


# --- a forward pass at hand-set weights and a closed-form solve ---------------------------------------------

def test_the_hand_set_weights_are_the_spec_files():
    import tomllib
    spec = tomllib.loads((study.ROOT / "examples" / "xor_hand_set.toml").read_text())
    assert study.EXAMPLES["xor_hand_set"].setup["init"] == spec["init"]["params"]
    data = study.inputs("xor_hand_set", "float32")
    assert data["params"]["W2"].tolist() == [[1.0], [-2.0]] and data["kwargs"] == {}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_way_of_xor_hand_set_outputs_xor_exactly(framework, dtype):
    _require(framework)
    records = harness.run_case(study.case("xor_hand_set"), framework, dtype)
    assert all(r.status == "pass" for r in records), [(r.check, r.note) for r in records if r.status != "pass"]
    checks = {r.check for r in records}
    for way in study.ways("xor_hand_set", frameworks=("reference", framework)):
        assert {f"{way.key}:outputs", f"{way.key}:loss", f"{way.key}:exact"} <= checks, way.key


@pytest.mark.parametrize("key", ["numpy_by_hand", "torch_high_level", "keras_functional"])
def test_a_hand_set_weight_off_by_a_millionth_is_caught(key, monkeypatch):
    framework = "keras" if key.startswith("keras") else "torch"
    _require(framework)
    real_entry = study._entry

    def entry(spec, network):
        function = real_entry(spec, network)
        if spec.key != key:
            return function
        return lambda x, y, params: function(x, y, {**params, "W2": params["W2"] * (1 + 1e-6)})
    monkeypatch.setattr(study, "_entry", entry)
    records = harness.run_case(study.case("xor_hand_set"), framework, "float64")
    failed = {r.check for r in records if r.status == "fail"}
    assert {f"{key}:exact", f"{key}:outputs"} <= failed, failed


@pytest.mark.parametrize("key, old, new", [
    ("numpy_by_hand", "X, Y = x - x_mean, y - y_mean", "X, Y = x, y"),                       # not centred
    ("torch_by_hand", "b = y_mean - x_mean @ w", "b = y_mean"),                              # intercept wrong
    ("torch_high_level", "A[:n, features] = x, 1", "A[:n, features] = x, 0"),          # no intercept
    ("tf_by_hand", "l2 * tf.eye", "0.5 * l2 * tf.eye"),                                      # λ halved
])
def test_a_wrong_normal_equations_way_is_caught(key, old, new, monkeypatch):
    framework = "keras" if key.startswith("tf") else "torch"
    _require(framework)
    way = next(w for w in study.ways("normal_equations", frameworks=("reference", framework)) if w.key == key)
    wrong = _planted(way, old, new)
    real_entry = study._entry
    monkeypatch.setattr(study, "_entry", lambda spec, network: wrong if spec.key == key else real_entry(spec, network))
    for dtype in DTYPES:
        records = harness.run_case(study.case("normal_equations"), framework, dtype)
        failed = {r.check for r in records if r.status == "fail"}
        assert failed and all(c.startswith(key) for c in failed), (dtype, failed)
        assert {r.check for r in records if r.status == "pass"} >= {
            f"{w.key}:weight:w" for w in study.ways("normal_equations", frameworks=("reference", framework))
            if w.key != key}


# --- a schedule, a penalty and clipping, early stopping, a graph: each caught when left out ----------------

@pytest.mark.parametrize("name, key, old, new, caught", [
    ("sine", "torch_high_level", "scheduler.step()                        # once per update: the cosine is over "
     "updates", "pass", "weight:W1"),                                                      # a constant rate
    ("sine", "keras_functional", "keras.optimizers.Adam(schedule,", "keras.optimizers.Adam(f(learning_rate),",
     "weight:W1"),
    ("sine", "numpy_by_hand", "min(t, decay_steps)", "min(t + 1, decay_steps)", "weight:W1"),   # off by an update
    ("sine", "keras_sequential", "CosineDecay(f(learning_rate),", "CosineDecay(learning_rate,",
     "weight:W1"),                                                         # a float32 schedule in a float64 run
    ("deep_narrow_disc_clip_l2", "torch_high_level", "nn.utils.clip_grad_norm_(model.parameters(), max_norm)",
     "pass", "weight:W1"),                                                                 # not clipped
    ("deep_narrow_disc_clip_l2", "keras_sequential", "global_clipnorm=max_norm", "clipnorm=max_norm",
     "weight:W1"),                                                                         # per-variable norms
    ("deep_narrow_disc_clip_l2", "tf_by_hand", "l2 * sum(", "0 * sum(", "loss"),          # no penalty
    ("early_stopping", "numpy_by_hand", "if wait >= patience:", "if wait > patience:", "epochs_run"),
    ("early_stopping", "keras_functional", "restore_best_weights=True", "restore_best_weights=False",
     "weight:W1"),                                                                         # the last epoch's
    ("functional_skip", "torch_by_hand", "torch.cat([h, xb], dim=1)", "torch.cat([h, 0 * xb], dim=1)",
     "weight:Wo"),                                                                         # no skip
    ("functional_skip", "keras_functional", "keras.layers.Add()", "keras.layers.Subtract()", "weight:Wa"),
])
def test_a_way_that_leaves_out_what_its_example_teaches_is_caught(name, key, old, new, caught, monkeypatch):
    framework = "keras" if key.startswith(("keras", "tf")) else "torch"
    _require(framework)
    way = next(w for w in study.ways(name, frameworks=("reference", framework)) if w.key == key)
    wrong = _planted(way, old, new)
    real_entry = study._entry
    monkeypatch.setattr(study, "_entry", lambda spec, network: wrong if spec.key == key else real_entry(spec, network))
    records = harness.run_case(study.case(name), framework, "float64")
    failed = {r.check for r in records if r.status == "fail"}
    assert f"{key}:{caught}" in failed, failed
    assert all(c.startswith(key) for c in failed), failed


def test_the_conventions_of_the_clipped_example_show():
    """Clipping acts (on 7 of the 20 updates), and torch's 1e-6 in the norm and Keras's float32 penalty factor
    each move the weights by more than 10× the float64 tolerance (8e-7 and 2e-9 of their size): a way checked
    against the reference in another framework's form would fail."""
    from conformance.checkers.example import reference_run
    told = {w.key: study.convention("deep_narrow_disc_clip_l2", w) for w in study.ways("deep_narrow_disc_clip_l2")}
    assert told["torch_high_level"] == told["torch_by_hand"] == {"clipping": {"epsilon": 1e-6}}
    assert told["keras_sequential"]["kernel_regularizer"] == {"l2": float(np.float32(0.001))}
    assert "kernel_regularizer" not in told["tf_by_hand"]            # its stated departure: λ as given
    data = study.inputs("deep_narrow_disc_clip_l2", "float64")
    runs = {key: reference_run("deep_narrow_disc_clip_l2", data, told)
            for key, told in (("plain", {}), ("torch", {"clipping": {"epsilon": 1e-6}}),
                              ("no clip", {"clipping": {"max_norm": 1e9}}),
                              ("keras", {"kernel_regularizer": {"l2": float(np.float32(0.001))}}))}
    plain = runs.pop("plain")
    for told, run in runs.items():
        apart = max(np.max(np.abs(run["weights"][k] - plain["weights"][k])) / np.abs(plain["weights"][k]).max()
                    for k in plain["weights"])
        assert apart > 10 * 1e-10, (told, apart)            # float64's rtol: 1e-10


def test_early_stopping_stops_with_a_clear_margin_and_restores_the_best_epoch():
    """The validation loss falls for 4 epochs and rises for 2: every decision is far from a tie (≥ 1% apart,
    float32 resolves 1e-7), so the stopping epoch is the same in every framework and dtype."""
    from conformance.checkers.example import reference_run
    for dtype in DTYPES:
        data = study.inputs("early_stopping", dtype)
        run = reference_run("early_stopping", data, {})
        val = run["val_losses"]
        assert len(val) == 6 and int(np.argmin(val)) == 3, val
        assert np.min(np.abs(np.diff(val)) / val[1:]) > 0.01
