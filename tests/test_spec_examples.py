"""The example specs as catalog cases (``conformance/cases/spec_examples.py``): the skips where an example does
not run, a missing examples/ directory, a broken example, a data set whose extra is missing; and the specs of
the classic algorithms (``conformance/spec_classic.py``): ``rosetta run`` of the perceptron and each kind of
malformed classic spec, one line naming the field and the value, exit status 2. The examples themselves are
trained by tests/test_conformance.py (``-k example_``).
"""
import json
import os

import pytest

from conftest import load_or_skip
from conformance import catalog, cli, harness
from conformance import spec as spec_mod
from conformance import spec_catalog
from conformance.cases import spec_examples
from reference.models import datasets

EXAMPLES = spec_examples.EXAMPLES_DIR


def _case(case_id: str):
    return next(c for c in catalog.all_cases() if c.id == case_id)


def test_every_example_is_in_the_catalog_under_its_kind():
    ids = {c.id for c in catalog.all_cases()}
    assert {"sequential[example_xor]", "sequential[example_xor/gradient_tape]", "sequential[example_planar/low_level]",
            "functional[example_functional_skip]", "perceptron[example_perceptron]",
            "normal_equations[example_normal_equations]"} <= ids
    assert all(c.family == "model" for c in catalog.all_cases() if c.desc.startswith("example_"))


def test_what_an_example_does_not_run_is_a_skip_saying_why():
    load_or_skip("torch")
    (rec,) = harness.run_case(_case("sequential[example_tutorial_adam]"), "torch", "float32")
    assert rec.status == "skip" and rec.note == "the example runs float64 only (run.dtypes of examples/tutorial_adam.toml)"
    (rec,) = harness.run_case(_case("sequential[example_xor/gradient_tape]"), "torch", "float64")
    assert rec.status == "skip" and rec.note == "the torch run of example xor is sequential[example_xor]"


def test_no_examples_directory_is_one_skip(tmp_path):
    load_or_skip("torch")
    (case,) = spec_examples.all_examples(str(tmp_path / "none"))
    (rec,) = harness.run_case(case, "torch", "float64")
    assert case.id == "sequential[example_specs]" and rec.status == "skip" and "no examples/ directory" in rec.note


def test_a_broken_example_is_an_error_naming_the_field(tmp_path):
    load_or_skip("torch")
    raw = open(os.path.join(EXAMPLES, "xor.toml")).read().replace('name = "tanh"', 'name = "tanhh"')
    (tmp_path / "xor.toml").write_text(raw)
    cases = spec_examples.all_examples(str(tmp_path))
    assert [c.id for c in cases] == ["sequential[example_xor]", "sequential[example_xor/gradient_tape]"]
    records = harness.run_case(cases[0], "torch", "float64")
    assert [r.status for r in records] == ["error"] and "model.layers[1].name='tanhh'" in records[0].note
    (tmp_path / "xor.toml").write_text("[model\n")                      # not TOML: still a case, an error
    (case,) = spec_examples.all_examples(str(tmp_path))
    (rec,) = harness.run_case(case, "torch", "float64")
    assert rec.status == "error" and "is not valid TOML" in rec.note


def test_an_example_whose_extra_is_missing_skips_with_the_install_command(monkeypatch):
    load_or_skip("torch")
    def no_sklearn(rng, dtype, n=1797):
        raise ImportError(datasets.DIGITS_MISSING)
    monkeypatch.setitem(datasets.DATASETS, "digits", no_sklearn)
    spec_catalog.example.cache_clear()
    try:
        (rec,) = harness.run_case(_case("sequential[example_digits]"), "torch", "float64")
    finally:
        spec_catalog.example.cache_clear()
    assert rec.status == "skip" and "examples/digits.toml" in rec.note and datasets.DIGITS_MISSING in rec.note


# --- the classic algorithms as specs ----------------------------------------------------------------------------

def test_perceptron_spec_runs_and_reports_its_mistakes(tmp_path, capsys):
    load_or_skip("torch")
    out = tmp_path / "p.json"
    path = os.path.join(EXAMPLES, "perceptron.toml")
    assert cli.main(["run", path, "--framework", "torch", "--json", str(out)]) == 0
    assert "torch      no_grad  float32  pass" in capsys.readouterr().out
    runs = json.loads(out.read_text())["runs"]
    assert {(r["loop"], r["dtype"]) for r in runs} == {("no_grad", "float64"), ("no_grad", "float32")}
    for run in runs:          # 4, 3, 2, then no mistakes (cases/classic.py's perceptron[default], from this seed)
        assert run["metrics"]["mistakes"] == {"framework": 0.0, "reference": 0.0}
        assert run["final_param_max_abs"] == 0.0        # the elementwise update rounds alike: exact


def test_normal_equations_spec_reports_its_loss():
    load_or_skip("torch")
    spec = spec_mod.load(os.path.join(EXAMPLES, "normal_equations.toml"))
    spec.frameworks, spec.dtypes = ["torch"], ["float64"]
    from conformance import run_spec
    (summary,) = run_spec.rows(spec, run_spec.run(spec))
    assert summary["status"] == "pass" and summary["loop"] == "linalg_solve"
    assert summary["loss"]["last"]["framework"] == pytest.approx(summary["loss"]["last"]["reference"], rel=1e-12)


def _classic(kind: str) -> dict:
    if kind == "perceptron":
        return {"model": {"kind": "perceptron", "learning_rate": 1.0},
                "data": {"name": "signed_blobs", "n": 12}, "training": {"epochs": 2}, "run": {"dtypes": ["float64"]}}
    return {"model": {"kind": "normal_equations", "l2": 0.0}, "data": {"name": "linear", "n": 20},
            "run": {"dtypes": ["float64"]}}


@pytest.mark.parametrize("kind,edit,fragments", [
    ("perceptron", lambda r: r.update(loss={"name": "bce"}), ("loss={'name': 'bce'}", "has no [loss]", "learning rule")),
    ("perceptron", lambda r: r.update(optimizer={"name": "sgd"}), ("has no [optimizer]",)),
    ("perceptron", lambda r: r["model"].update(learning_rate=0.0), ("model (perceptron)", "learning_rate=0.0")),
    ("perceptron", lambda r: r["model"].update(init="ones"), ("model.init='ones'", "zeros, normal")),
    ("perceptron", lambda r: r["model"].update(momentum=0.9), ("model.momentum=0.9", "learning_rate, init")),
    ("perceptron", lambda r: r.update(data={"name": "blobs", "n": 12}), ("data.y=", "−1 or +1")),
    ("perceptron", lambda r: r["training"].update(epochs=10), ("training.epochs=10", "120 updates", "at most 50")),
    ("perceptron", lambda r: r["training"].update(batch_size=4), ("training.batch_size=4", "epochs, shuffle")),
    ("perceptron", lambda r: r.update(init={"params": {}}), ("init.params={}", "only seed")),
    ("perceptron", lambda r: r.pop("training"), ("training is missing",)),
    ("perceptron", lambda r: r.update(run={"loops": {"torch": ["dataloader"]}, "frameworks": ["torch"]}),
     ("run.loops.torch='dataloader'", "no_grad")),
    ("normal_equations", lambda r: r.update(training={"epochs": 2}), ("has no [training]", "closed form")),
    ("normal_equations", lambda r: r["model"].update(l2=-1.0), ("model (normal_equations)", "l2=-1.0")),
    ("normal_equations", lambda r: r.update(data={"name": "inline", "x": [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]],
                                                  "y": [[1.0], [2.0], [3.0]]}),
     ("model (normal_equations) on data (inline)", "rank")),
])
def test_malformed_classic_specs(kind, edit, fragments, tmp_path, capsys):
    load_or_skip("torch")
    from test_run_spec import _rejected
    raw = _classic(kind)
    edit(raw)
    _rejected(raw, tmp_path, capsys, *fragments)


# --- the model-level divergence records a spec's run measures natively ------------------------------------------

def _clip_l2(tmp_path, **run):
    import tomllib
    from test_run_spec import _toml
    raw = tomllib.load(open(os.path.join(EXAMPLES, "deep_narrow_disc_clip_l2.toml"), "rb"))
    raw["training"]["epochs"] = 1
    raw["run"] = {"dtypes": ["float64"], **run}
    path = tmp_path / "clip_l2.toml"
    path.write_text(_toml(raw))
    return spec_mod.load(str(path))


def test_the_records_that_apply_to_a_spec_are_chosen_by_what_it_trains(tmp_path):
    from conformance import run_spec
    load_or_skip("torch")
    load_or_skip("keras")
    spec = _clip_l2(tmp_path)
    torch_whats = {d.what for d in run_spec.natives(spec, "torch", "dataloader")}
    assert "an evaluation loop computes the criterion alone, without the penalties trained on" in torch_whats
    assert "nn.BCELoss() as written clamps each log at −100 instead of clipping p" in torch_whats
    keras_fit = {d.what for d in run_spec.natives(spec, "keras", "fit")}
    keras_tape = {d.what for d in run_spec.natives(spec, "keras", "gradient_tape")}
    assert keras_fit - keras_tape == {"fit reports the epoch's running mean loss, not each batch's loss"}
    spec.setup = {**spec.setup, "regularizers": {}}                     # no penalty: nothing to leave out
    assert "an evaluation loop computes the criterion alone, without the penalties trained on" not in \
        {d.what for d in run_spec.natives(spec, "torch", "dataloader")}
    assert all(not d.irreducible for fw in ("torch", "keras") for d in run_spec.natives(spec, fw, "fit"))


def test_a_spec_run_measures_the_records_natively_and_reports_them(tmp_path, capsys):
    load_or_skip("torch")
    spec = _clip_l2(tmp_path, frameworks=["torch"])
    out = tmp_path / "r.json"
    assert cli.main(["run", spec.path, "--json", str(out)]) == 0
    assert "[native run here: |Δ| " in capsys.readouterr().out
    payload = json.loads(out.read_text())
    (run,) = payload["runs"]
    assert run["status"] == "pass"                                       # divergence records never fail a run
    (evaluation,) = [d for d in run["divergences_in_play"] if d["what"].startswith("an evaluation loop")]
    assert evaluation["component"] == "model/sequential" and evaluation["measured"]["checks_changed"] == ["evaluate:loss"]
    assert evaluation["measured"]["max_abs_err"] > 1e-3                 # the penalty left out: Σ 0.001·‖W‖²
    native = [r for r in payload["results"] if r["status"] == "divergence" and r["divergence"] == evaluation["what"]]
    assert native and all(r["case"] == run["case"] for r in native)
