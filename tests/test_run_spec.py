"""``rosetta run SPEC`` (``conformance/spec.py``, ``conformance/run_spec.py``, ``conformance/run_cli.py``):
every example spec runs in each framework and training style it names; the JSON and plots are written; a
planted departure is reported with its localization; explicit weights are the ones trained; each kind of
malformed spec is one line naming the field and the value, exit status 2. The new data sets' properties.

Every example is a catalog case too (``conformance/cases/spec_examples.py``): tests/test_conformance.py trains
each in every framework, loop and dtype it names; here ``rosetta run`` itself runs xor (both dtypes, JSON,
plots, HTML) and the cases are checked to be the spec's runs.
"""
import copy
import glob
import json
import os
import tomllib

import numpy as np
import pytest

from conftest import load_or_skip
from conformance import cli, frameworks, run_spec
from conformance import plot as check_plot
from conformance import spec as spec_mod
from conformance.checkers import model as model_checker
from reference.models import datasets
from reference.registry import Built, Impl

pytestmark = pytest.mark.examples

EXAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "examples", "*.toml")))
XOR = next(p for p in EXAMPLES if p.endswith("/xor.toml"))


def _installed(fw: str) -> bool:
    return frameworks.missing(fw) is None


def _needs(path: str) -> None:
    raw = tomllib.load(open(path, "rb"))
    for fw in raw.get("run", {}).get("frameworks", ["torch", "keras"]):
        if not _installed(fw):
            pytest.skip(f"{os.path.basename(path)} names {fw}, which is not installed")
    if raw["data"]["name"] == "digits":
        pytest.importorskip("sklearn", reason=datasets.DIGITS_MISSING)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: os.path.basename(p))
def test_example_is_a_catalog_case_in_every_framework_loop_and_dtype_it_names(path):
    """Each example runs in `rosetta check` (conformance/cases/spec_examples.py), so tests/test_conformance.py
    trains it in every framework, loop and dtype it names; here: the catalog's cases of the example are
    exactly those runs, with the spec's model and seed. `rosetta run` itself: the xor and perceptron tests."""
    from conformance import catalog
    try:
        spec = spec_mod.load(path, installed=False)
    except spec_mod.SpecUnavailable as exc:
        pytest.skip(str(exc))
    cases = [c for c in catalog.all_cases() if c.desc.split("/")[0] == f"example_{spec.name}"]
    runs = {(fw, c.setup["loop"][fw], dtype) for c in cases for fw in c.setup["loop"] for dtype in c.setup["dtypes"]}
    assert runs == {(fw, loop, dtype) for fw in spec.frameworks for loop in spec.loops[fw] for dtype in spec.dtypes}
    assert all(c.component == spec.component and c.kwargs == spec.model_kwargs and c.seed == spec.seed
               for c in cases)
    # every example says in a comment what it teaches
    assert "Teaches:" in open(path).read()


def test_xor_both_dtypes_json_and_plots(tmp_path, capsys):
    _needs(XOR)
    out, plots = tmp_path / "sub" / "xor.json", tmp_path / "plots"
    plotting = check_plot.available() is None
    html = tmp_path / "xor.html" if _html_available() else None
    assert cli.main(["run", XOR, "--json", str(out), *(["--plot", str(plots)] if plotting else []),
                     *(["--html", str(html)] if html else [])]) == 0
    text = capsys.readouterr().out
    assert "keras      gradient_tape  float32  pass" in text and "Divergence records in play" in text
    payload = json.loads(out.read_text())
    assert set(payload) >= {"environment", "summary", "results", "spec", "runs"}
    assert payload["spec"]["name"] == "xor" and payload["spec"]["source"]["model"]["kind"] == "sequential"
    assert len(payload["runs"]) == 6 and payload["summary"]["fail"] == 0 and payload["summary"]["error"] == 0
    run = payload["runs"][0]
    assert len(run["loss"]["framework"]) == 50 and run["loss"]["last"]["framework"] < run["loss"]["first"]["framework"]
    assert set(run["metrics"]) == {"loss", "binary_accuracy"}
    assert run["final_param_max_abs"] < 1e-12 and run["localization"] is None
    assert any(d["component"] == "activation/sigmoid" and d["mapped"] for d in run["divergences_in_play"])
    assert not [p for p in os.listdir(tmp_path / "sub") if p != "xor.json"]       # no temporary file left
    if plotting:
        assert sorted(os.listdir(plots)) == ["xor-keras.png", "xor-torch.png"]
    if html is not None:                  # the loss curves ride on the loss records, drawn inline as SVG
        page = html.read_text()
        assert page.count("sequential[xor/gradient_tape]") >= 1 and "<svg" in page
        loss = [r for r in payload["results"] if r["check"] == "loss" and r["status"] != "divergence"]
        assert len(loss) == 6 and all(len(r["detail"]["loss_curve"]) == 50 for r in loss)
        # the model-level records that apply ran natively (keras fit's logged loss, the losses as written)
        assert {r["divergence"] for r in payload["results"] if r["status"] == "divergence"} >= {
            "fit reports the epoch's running mean loss, not each batch's loss"}


def _html_available() -> bool:
    try:
        from conformance import html_report
    except ImportError:
        return False
    return html_report.available() is None


def test_explicit_weights_are_the_ones_trained(tmp_path):
    path = next(p for p in EXAMPLES if p.endswith("/xor_hand_set.toml"))
    _needs(path)
    spec = spec_mod.load(path)
    spec.dtypes = ["float64"]
    spec.frameworks = ["torch"]
    results = run_spec.run(spec)
    summary = results[0].summary(spec)
    assert summary["status"] == "pass"
    assert summary["loss"]["framework"] == [0.0] and summary["loss"]["reference"] == [0.0]   # XOR exactly
    assert summary["metrics"]["mean_absolute_error"]["framework"] == 0.0


def test_a_planted_departure_fails_with_its_localization(monkeypatch, tmp_path, capsys):
    """tanh(1.000001·x) in torch: the run fails and the report names update 1, layer 1 (tanh), forward."""
    fw = load_or_skip("torch")
    import torch
    scaled = lambda: type("ScaledTanh", (torch.nn.Module,), {"forward": lambda self, x: torch.tanh(x * 1.000001)})()  # noqa: E731
    monkeypatch.setitem(fw.registry._table("activation"), "tanh", Impl(lambda: Built(scaled()), "native"))
    raw = tomllib.load(open(XOR, "rb"))
    raw["run"] = {"frameworks": ["torch"], "dtypes": ["float64"]}
    raw["training"]["epochs"] = 3
    path = tmp_path / "planted.toml"
    path.write_text(_toml(raw))
    out = tmp_path / "planted.json"
    assert cli.main(["run", str(path), "--json", str(out)]) == 1
    text = capsys.readouterr().out
    assert "first departure: update 1, layer 1 (tanh), forward" in text
    run = json.loads(out.read_text())["runs"][0]
    assert run["status"] == "fail" and run["localization"]["detail"]["layer"] == 1
    assert run["worst_ratio"] > 1


def test_loops_table_agrees_with_the_runners():
    for fw, module in (("torch", "torch_impl.model_runner"), ("keras", "tf_impl.model_runner")):
        load_or_skip(fw)
        assert spec_mod.LOOPS[fw] == __import__(module, fromlist=["LOOPS"]).LOOPS


def test_the_schema_accepts_every_example_and_rejects_a_bad_spec():
    jsonschema = pytest.importorskip("jsonschema", reason="the optional extra 'spec' (jsonschema) is not installed")
    validator = jsonschema.Draft202012Validator(spec_mod.schema())
    for path in EXAMPLES:
        assert not list(validator.iter_errors(tomllib.load(open(path, "rb")))), path
    bad = tomllib.load(open(XOR, "rb"))
    bad["training"]["epochs"] = "many"
    assert list(validator.iter_errors(bad))


# --- malformed specs: one line, naming the field and the value, exit status 2 --------------------------------

def _toml(raw: dict) -> str:
    """A minimal TOML writer for the specs these tests edit (tables of scalars, lists and inline tables)."""
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + "}"
    top = [f"{k} = {value(v)}" for k, v in raw.items() if not isinstance(v, dict)]
    tables = [f"[{k}]\n" + "\n".join(f"{json.dumps(kk)} = {value(vv)}" for kk, vv in v.items())
              for k, v in raw.items() if isinstance(v, dict)]
    return "\n".join(top) + "\n\n" + "\n\n".join(tables) + "\n"


def _xor() -> dict:
    raw = copy.deepcopy(tomllib.load(open(XOR, "rb")))
    raw["run"] = {"frameworks": [fw for fw in ("torch", "keras") if _installed(fw)] or ["torch"],
                  "dtypes": ["float64"]}
    return raw


def _rejected(raw: dict, tmp_path, capsys, *fragments: str) -> str:
    path = tmp_path / "bad.toml"
    path.write_text(_toml(raw))
    assert cli.main(["run", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    for fragment in fragments:
        assert fragment in err, err
    return err


def _skip_without_frameworks():
    if not any(_installed(fw) for fw in ("torch", "keras")):
        pytest.skip("no framework installed: every spec names one")


def test_unknown_layer(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["model"]["layers"][1] = {"name": "tanhh"}
    _rejected(raw, tmp_path, capsys, "model.layers[1].name='tanhh'", "no such layer", "tanh")


def test_unknown_argument(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["model"]["layers"][0]["unitz"] = 3
    _rejected(raw, tmp_path, capsys, "model.layers[0].unitz=3", "expected in_features, units, use_bias")


def test_wrong_shapes_between_layers_name_the_layer(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["model"]["layers"][2]["in_features"] = 3
    _rejected(raw, tmp_path, capsys, "model.layers[2] (dense)", "in_features=3", "one sample of shape [2]")


def test_output_width_against_the_data(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["model"]["layers"][2]["units"] = 3
    _rejected(raw, tmp_path, capsys, "loss.name='bce'", "shape [3]", "y [1]")


def test_explicit_weights_of_the_wrong_shape(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["init"] = {"params": {"0.W": [[1.0, 2.0, 3.0]], "0.b": [0.0, 0.0], "2.W": [[1.0], [1.0]], "2.b": [0.0]}}
    _rejected(raw, tmp_path, capsys, "init.params.'0.W'=[[1.0, 2.0, 3.0]]", "shape [1, 3]", "expected [2, 2]")


def test_explicit_weights_missing_one(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["init"] = {"params": {"0.W": [[1.0, 1.0], [1.0, 1.0]]}}
    _rejected(raw, tmp_path, capsys, "init.params.'0.b' is missing")


@pytest.mark.parametrize("table,field", [("loss", "loss is missing"), ("training", "training is missing")])
def test_missing_field(table, field, tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    del raw[table]
    _rejected(raw, tmp_path, capsys, field)


def test_missing_epochs(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    del raw["training"]["epochs"]
    _rejected(raw, tmp_path, capsys, "training.epochs is missing")


@pytest.mark.parametrize("where,value,fragments", [
    (("optimizer", "learning_rate"), -1.0, ("optimizer (sgd)", "learning_rate=-1.0", ">= 0")),
    (("training", "epochs"), 0, ("training.epochs=0", "≥ 1")),
    (("training", "epochs"), 500, ("training.epochs=500", "at most 50")),
    (("training", "batch_size"), 99, ("training.batch_size=99", "1 to 4")),
    (("data", "n"), 0, ("data.n=0",)),
])
def test_values_out_of_range(where, value, fragments, tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    if where == ("data", "n"):
        raw["data"] = {"name": "planar", "seed": 0}
    raw[where[0]][where[1]] = value
    _rejected(raw, tmp_path, capsys, *fragments)


def test_a_data_set_that_does_not_exist(tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    raw["data"] = {"name": "mnist"}
    _rejected(raw, tmp_path, capsys, "data.name='mnist'", "no such data set", "spirals")


def test_a_framework_that_is_not_installed(monkeypatch, tmp_path, capsys):
    _skip_without_frameworks()
    real = frameworks.missing
    monkeypatch.setattr(frameworks, "missing", lambda fw: "keras is not installed (planted)" if fw == "keras" else real(fw))
    raw = _xor()
    raw["run"]["frameworks"] = ["keras"]
    _rejected(raw, tmp_path, capsys, "run.frameworks='keras'", "not installed")


@pytest.mark.parametrize("edit,fragments", [
    (lambda r: r["run"].update(frameworks=["jax"]), ("run.frameworks='jax'", "torch, keras")),
    (lambda r: r["run"].update(loops={"keras": ["fitt"]}, frameworks=["keras"]), ("run.loops.keras='fitt'", "gradient_tape")),
    (lambda r: r.update(lossy=1), ("lossy=1", "unknown field")),
    (lambda r: r["model"].update(kind="graph"), ("model.kind='graph'",)),
    (lambda r: r["training"].update(early_stopping={"patience": 2}), ("training.early_stopping", "[validation]")),
])
def test_other_malformed_fields(edit, fragments, tmp_path, capsys):
    _skip_without_frameworks()
    raw = _xor()
    edit(raw)
    _rejected(raw, tmp_path, capsys, *fragments)


def test_not_toml_and_not_a_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model\n")
    assert cli.main(["run", str(bad)]) == 2
    assert "is not valid TOML" in capsys.readouterr().err
    assert cli.main(["run", str(tmp_path / "none.toml")]) == 2
    assert "expected an existing TOML file" in capsys.readouterr().err


# --- data sets -------------------------------------------------------------------------------------------

def test_spirals_disc_sine():
    rng = np.random.default_rng(0)
    x, y = datasets.draw("spirals", rng, "float32", n=40, noise=0.0)
    assert x.shape == (40, 2) and x.dtype == np.float32 and set(y.ravel()) == {0.0, 1.0}
    r = np.hypot(x[:, 0], x[:, 1])
    assert np.allclose(r, np.linspace(0.1, 1.0, 40), atol=1e-6)           # no noise: on the spiral
    x, y = datasets.draw("disc", rng, "float64", n=400, radius=0.5)
    assert np.array_equal(y.ravel() == 1, np.sum(x * x, axis=1) < 0.25) and 0.1 < y.mean() < 0.35   # π/16 ≈ 0.2
    x, y = datasets.draw("sine", rng, "float64", n=50, noise=0.0)
    assert np.allclose(y, np.sin(x)) and np.all(np.abs(x) <= np.pi)


def test_digits_is_the_real_data_set_or_says_how_to_get_it(monkeypatch):
    try:
        import sklearn  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match=r"pip install -e '\.\[data\]'"):
            datasets.draw("digits", np.random.default_rng(0), "float64")
        return
    x, y = datasets.draw("digits", np.random.default_rng(0), "float64", n=100)
    assert x.shape == (100, 64) and y.shape == (100, 10) and 0 <= x.min() and x.max() <= 1
    assert np.array_equal(y[:10].argmax(1), np.arange(10))                  # the set starts 0, 1, ..., 9
    monkeypatch.setitem(__import__("sys").modules, "sklearn.datasets", None)  # as if it were missing
    with pytest.raises(ImportError, match="scikit-learn"):
        datasets.draw("digits", np.random.default_rng(0), "float64")


def test_inline_data_is_the_data_trained_on(tmp_path):
    """XOR's four points given inline train exactly as the built-in xor data set (same seed, same weights)."""
    load_or_skip("torch")
    raw = _xor()
    raw["run"] = {"frameworks": ["torch"], "dtypes": ["float64"]}
    raw["training"]["epochs"] = 5
    builtin = run_spec.run(spec_mod.parse(copy.deepcopy(raw)))[0].summary(spec_mod.parse(copy.deepcopy(raw)))
    raw["data"] = {"name": "inline", "x": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], "y": [[0.0], [1.0], [1.0], [0.0]]}
    inline_spec = spec_mod.parse(raw)
    inline = run_spec.run(inline_spec)[0].summary(inline_spec)
    assert inline["status"] == "pass" and inline["loss"]["framework"] == builtin["loss"]["framework"]
    raw["data"]["y"] = [[0.0], [1.0]]
    with pytest.raises(spec_mod.SpecError, match=r"data\.y has 2 rows and data\.x 4"):
        spec_mod.parse(raw)
