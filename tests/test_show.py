"""``rosetta show NAME``: every component renders; the code shown is the code the harness runs; the
status comes from a real report or a real run; bad names are one-line usage errors; a pipe gets plain
text that fits in 100 columns."""
import inspect
import io
import json
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from rich.cells import cell_len
from rich.console import Console

import reference
from conformance import catalog, cli, frameworks, show
from conformance.case import FRAMEWORKS

WIDTH = 100


def render(family, name, width=WIDTH, **console_kw):
    console = Console(file=io.StringIO(), width=width, **console_kw)
    show.render(show.collect(family, name), console)
    return console.file.getvalue()


def args(name, report=None, no_run=True, width=None):
    return SimpleNamespace(name=name, report=report, no_run=no_run, width=width)


def shown_code(out: str, title: str, first_line: int) -> str:
    """The code printed under the rule that starts with ``title``, put back together: each line
    starts with its line number in the gutter; a wrapped line continues under a blank gutter."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    first = next(i for i in range(start + 1, len(lines)) if re.match(rf" *{first_line} ", lines[i]))
    gutter = len(re.match(rf" *{first_line} ", lines[first]).group(0))
    code: list[str] = []
    for line in lines[first:]:
        if re.fullmatch(r" *\d+ ?", line[:gutter]) and line[:gutter].strip():
            code.append(line[gutter:])
        elif code and line.startswith(" " * gutter) and line.strip():
            code[-1] += line[gutter:]
        else:
            break
    return "\n".join(code) + "\n"


@pytest.fixture(scope="module")
def rendered():
    """Every catalog component, rendered as a pipe of 100 columns gets it (no status: --no-run)."""
    return {(f, n): render(f, n) for f, n in catalog.components()}


def test_every_component_renders_within_100_columns_without_escape_codes(rendered):
    assert len(rendered) == len(catalog.components())
    for (family, name), out in rendered.items():
        assert f"{family}/{name}" in out.splitlines()[0]
        assert "\x1b[" not in out, f"{family}/{name}: escape codes in plain output"
        wide = [line for line in out.splitlines() if cell_len(line) > WIDTH]
        assert not wide, f"{family}/{name}: {len(wide)} line(s) over {WIDTH} columns, e.g. {wide[0]!r}"
        for section in ("Formula and conventions", "Defaults", "not run (--no-run)"):
            assert section in out, f"{family}/{name}: no {section!r}"


def test_the_code_shown_is_the_code_the_harness_runs(rendered):
    """The reference part is ``inspect.getsource`` of the registered class, each framework part the
    registered builder's source, character for character (wrapped lines put back together)."""
    for (family, name), out in rendered.items():
        ref = reference.get(family, name)
        start = inspect.getsourcelines(ref)[1]
        assert shown_code(out, show.LABELS["reference"] + " · ", start) == inspect.getsource(ref), f"{family}/{name}"
        for fw in FRAMEWORKS:
            if frameworks.missing(fw):
                continue
            builder = frameworks.load(fw).registry.get(family, name).builder
            got = shown_code(out, show.LABELS[fw] + " · ", inspect.getsourcelines(builder)[1])
            assert got == inspect.getsource(builder), f"{family}/{name} {fw}"


def test_collect_reads_the_registered_objects_and_their_signatures():
    shown = show.collect("optimizer", "adam")
    ref, *fws = shown.sides
    assert ref.source == inspect.getsource(reference.get("optimizer", "adam"))
    assert ref.defaults["epsilon"] == repr(inspect.signature(reference.get("optimizer", "adam")).parameters["epsilon"].default)
    assert ref.path == "reference/optimizers/adam.py" and "ε" in ref.doc
    keras = next(s for s in fws if s.key == "keras")
    if keras.source:
        assert keras.variants == ("python_floats",)
    from conformance.divergences import for_component
    assert shown.divergences == [d for fw in FRAMEWORKS for d in for_component("optimizer", "adam", fw)]
    assert any(d.native.get("epsilon") == 1e-7 for d in shown.divergences)
    out = render("optimizer", "adam")
    assert "keras: 1e-07" in out           # Keras's own ε, from its divergence record's native run


def test_name_and_family_name_resolve():
    assert show.resolve("adam") == ("optimizer", "adam")
    assert show.resolve("optimizer/adam") == ("optimizer", "adam")


def run_main(argv, capsys):
    status = cli.main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def assert_one_line_usage_error(status, out, err, *needles):
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rosetta: error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_a_name_two_families_share_is_a_usage_error(monkeypatch, capsys):
    from conformance.case import Case
    from conformance.inputs import normal
    twin = Case("relu", "loss", {"y_pred": normal(2, 2), "y_true": normal(2, 2)})
    monkeypatch.setattr(catalog, "all_cases", lambda real=catalog.all_cases: [*real(), twin])
    assert_one_line_usage_error(*run_main(["show", "relu", "--no-run"], capsys),
                                "NAME='relu'", "write one of activation/relu, loss/relu")
    assert show.resolve("activation/relu") == ("activation", "relu")


@pytest.mark.parametrize("argv,needles", [
    (["show", "adamm"], ("NAME='adamm' is not a catalog component", "did you mean adam")),
    (["show", "loss/adam"], ("NAME='loss/adam' is not a catalog component", "optimizer/adam")),
    (["show", "zzzzzz"], ("NAME='zzzzzz' is not a catalog component (none is close",)),
    (["show", "adam", "--width", "10"], ("--width='10' is not allowed: expected a whole number",)),
    (["show", "adam", "--width", "wide"], ("--width='wide' is not allowed",)),
    (["show", "adam", "--report", "/nonexistent/r.json"], ("--report='/nonexistent/r.json': cannot be read",)),
    (["show"], ("the following arguments are required: NAME",)),
])
def test_bad_usage_is_one_line_exit_2(argv, needles, capsys):
    assert_one_line_usage_error(*run_main(argv, capsys), *needles)


def test_a_report_that_is_not_a_report_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    assert_one_line_usage_error(*run_main(["show", "adam", "--report", str(bad)], capsys),
                                f"--report={str(bad)!r} is not JSON")
    bad.write_text('{"summary": {}}')
    assert_one_line_usage_error(*run_main(["show", "adam", "--report", str(bad)], capsys), 'no "results" list')


def status_row(out: str, framework: str, dtype: str) -> list[str]:
    row = next(line for line in out.splitlines() if re.match(rf"│ {framework} +│ {dtype} +│", line))
    return [cell.strip() for cell in row.strip("│").split("│")]


@pytest.fixture(scope="module")
def leaky_relu_report(tmp_path_factory):
    """A real report: ``rosetta check --only leaky_relu --json``."""
    if any(frameworks.missing(fw) for fw in FRAMEWORKS):
        pytest.skip("needs torch and keras installed: " + "; ".join(filter(None, map(frameworks.missing, FRAMEWORKS))))
    path = tmp_path_factory.mktemp("report") / "report.json"
    assert cli.main(["check", "--only", "activation/leaky_relu", "--json", str(path), "--workers", "1",
                     "--quiet"]) == 0
    return path


def test_report_gives_the_status_and_each_divergence_s_measured_effect(leaky_relu_report):
    results = json.loads(leaky_relu_report.read_text())["results"]
    console = Console(file=io.StringIO(), width=WIDTH)
    assert show.cmd_show(args("leaky_relu", report=str(leaky_relu_report)), console=console) == 0
    out = console.getvalue() if hasattr(console, "getvalue") else console.file.getvalue()
    assert f"from {leaky_relu_report}" in out
    for fw in FRAMEWORKS:
        for dtype in ("float32", "float64"):
            mine = [r for r in results if r["framework"] == fw and r["dtype"] == dtype]
            row = status_row(out, fw, dtype)
            assert row[2:7] == [str(sum(r["status"] == s for r in mine))
                                for s in ("pass", "fail", "error", "skip", "divergence")], row
    slope = [r["max_abs_err"] for r in results if r["divergence"] == "default negative slope of keras.layers.LeakyReLU"
             and r["dtype"] == "float64"]
    assert slope and max(slope) > 0.1                  # 0.3 against 0.01 on negative inputs
    assert f"float64 {max(slope):.1e}" in out


def test_a_failing_record_in_the_report_shows_as_fail(leaky_relu_report, tmp_path):
    """The status is read from the report, not re-measured: a record edited to fail shows."""
    payload = json.loads(leaky_relu_report.read_text())
    victim = next(r for r in payload["results"] if r["status"] == "pass" and r["framework"] == "torch")
    victim.update(status="fail", note="planted")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(payload))
    console = Console(file=io.StringIO(), width=WIDTH)
    show.cmd_show(args("leaky_relu", report=str(edited)), console=console)
    out = console.file.getvalue()
    assert "FAIL" in out.splitlines()[4] and f"FAIL {victim['case']} torch" in out
    assert status_row(out, "torch", victim["dtype"])[3] == "1"


def test_without_a_report_the_cases_run_now():
    if any(frameworks.missing(fw) for fw in FRAMEWORKS):
        pytest.skip("needs torch and keras installed")
    from conformance import harness
    console = Console(file=io.StringIO(), width=WIDTH)
    show.cmd_show(args("leaky_relu", no_run=False), console=console)
    out = console.file.getvalue()
    assert "ran now: 6 case(s)" in out
    want = [r for c in catalog.all_cases() if c.component == "leaky_relu"
            for r in harness.run_case(c, "keras", "float64")]
    assert status_row(out, "keras", "float64")[2] == str(sum(r.status == "pass" for r in want))


def test_piped_output_is_plain_text_in_100_columns():
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TERM")}
    out = subprocess.run([sys.executable, "-m", "conformance", "show", "loss/bce", "--no-run"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout
    assert max(cell_len(line) for line in out.stdout.splitlines()) == WIDTH     # the panel's border
    assert shown_code(out.stdout, "NumPy reference · ", inspect.getsourcelines(reference.get("loss", "bce"))[1]) \
        == inspect.getsource(reference.get("loss", "bce"))


def test_sources_side_by_side_only_on_a_wide_terminal():
    wide = render("optimizer", "sgd", width=240, force_terminal=True, color_system=None)
    titles = [line for line in wide.splitlines() if "NumPy reference · " in line]
    assert len(titles) == 1 and "PyTorch · " in titles[0] and "Keras · " in titles[0]
    narrow = render("optimizer", "sgd", width=150, force_terminal=True, color_system=None)
    assert not any("NumPy reference · " in line and "PyTorch · " in line for line in narrow.splitlines())
    assert any(line.startswith("PyTorch · ") for line in narrow.splitlines())


# --- examples (conformance/study.py): rosetta show EXAMPLE ---------------------------------------------

def test_an_example_shows_each_way_from_the_function_the_harness_calls():
    """``rosetta show xor``, piped: every way under a rule naming its label, file and line; its code is
    ``study.source(way)`` character for character; plain text within 100 columns."""
    if any(frameworks.missing(fw) for fw in FRAMEWORKS):
        pytest.skip("needs torch and keras installed")
    from conformance import study
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TERM")}
    out = subprocess.run([sys.executable, "-m", "conformance", "show", "xor", "--no-run"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and max(cell_len(line) for line in out.stdout.splitlines()) <= WIDTH
    assert "examples/xor · XOR with a 2-2-1 network" in out.stdout.splitlines()[0]
    ways = study.ways("xor")
    assert len(ways) == 6
    for way in ways:
        code, path, line = study.source(way)
        title = f"{way.label} · {path}:{line} · function {way.function.__qualname__}"
        assert shown_code(out.stdout, title, line) == code, way.key


def test_an_example_name_a_component_shares_is_a_usage_error_and_examples_slash_names_it(capsys):
    status, out, err = run_main(["show", "perceptron", "--no-run"], capsys)
    assert_one_line_usage_error(status, out, err, "model/perceptron", "examples/perceptron")
    status, out, err = run_main(["show", "examples/nope", "--no-run"], capsys)
    assert_one_line_usage_error(status, out, err, "'examples/nope' is not an example", "xor, planar")
    if any(frameworks.missing(fw) for fw in FRAMEWORKS):
        return
    console = Console(file=io.StringIO(), width=WIDTH)
    assert show.cmd_show(args("examples/perceptron.toml"), console=console) == 0
    assert "examples/perceptron · The perceptron learning rule" in console.file.getvalue()


def test_an_example_s_status_comes_from_a_run_now():
    if any(frameworks.missing(fw) for fw in FRAMEWORKS):
        pytest.skip("needs torch and keras installed")
    console = Console(file=io.StringIO(), width=WIDTH)
    show.cmd_show(args("linear_regression", no_run=False), console=console)
    out = console.file.getvalue()
    assert "ran now: linear_model[linear_regression]" in out
    # keras's run: the NumPy way and Keras's three, each with loss, W and b checked, all passing
    assert status_row(out, "keras", "float32")[2:4] == [str(4 * 3), "0"]


def test_an_example_s_status_comes_from_a_report(tmp_path):
    """--report: the example's own records (its case only), a failing one shown as such."""
    if frameworks.missing("torch"):
        pytest.skip("needs torch installed")
    from conformance import harness, study
    records = [r.to_json() for r in harness.run_case(study.case("xor"), "torch", "float64")]
    records += [r.to_json() for r in harness.run_case(study.case("planar"), "torch", "float64")][:1]  # another case
    records[0]["status"] = "fail"
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"results": records}))
    console = Console(file=io.StringIO(), width=WIDTH)
    show.cmd_show(args("xor", report=str(path)), console=console)
    out = console.file.getvalue()
    row = status_row(out, "torch", "float64")
    assert row[2:4] == [str(len(records) - 2), "1"]           # planar's record is not xor's
    assert f"FAIL two_layer[xor] torch float64 {records[0]['check']}" in out
