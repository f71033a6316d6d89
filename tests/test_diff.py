"""``rosetta diff`` (what changed between two reports), ``rosetta check --shard i/n`` and ``rosetta merge``,
on real reports of a small selection (``small_reports.py``)."""
from __future__ import annotations

import copy
import json

import pytest

from conformance import catalog, diff, merge, reports
from conformance.parallel import COST_S, DEFAULT_COST_S
from small_reports import SELECTION, reports as small, rosetta


def assert_usage_error(out, needle):
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rosetta: error: ") and needle in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def payload(path):
    return json.loads(path.read_text())


# --- shards and merge -------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_shards_partition_the_selection_deterministically_and_balanced(n):
    cases = catalog.all_cases()
    slices = [merge.shard(cases, i, n) for i in range(1, n + 1)]
    assert slices == [merge.shard(cases, i, n) for i in range(1, n + 1)]       # deterministic
    ids = [(c.family, c.id) for s in slices for c in s]
    assert sorted(ids) == sorted((c.family, c.id) for c in cases) and len(set(ids)) == len(ids)
    position = {(c.family, c.id): i for i, c in enumerate(cases)}
    for s in slices:                                                           # catalog order kept
        assert [position[(c.family, c.id)] for c in s] == sorted(position[(c.family, c.id)] for c in s)
    cost = [sum(COST_S.get(c.family, DEFAULT_COST_S) for c in s) for s in slices]
    assert max(cost) - min(cost) <= max(COST_S.values()) + 1e-9                # greedy balance: within one case


def test_shard_1_of_2_plus_2_of_2_merged_equals_one_run(tmp_path):
    """Compared: every record (all fields, in order) and the summary counts. Not compared: elapsed_s and
    the environment's per-run fields (the merged one adds ``shards``)."""
    r = small()
    s1, s2, whole = payload(r["shard1"]), payload(r["shard2"]), payload(r["all"])
    assert s1["environment"]["shard"] == "1/2" and s2["environment"]["shard"] == "2/2"
    cases1, cases2 = {x["case"] for x in s1["results"]}, {x["case"] for x in s2["results"]}
    assert cases1 and cases2 and not cases1 & cases2
    out_path = tmp_path / "merged.json"
    out = rosetta("merge", str(r["shard2"]), str(r["shard1"]), "--json", str(out_path))   # any order
    assert out.returncode == 0, out.stdout + out.stderr
    merged = payload(out_path)
    assert merged["results"] == whole["results"]
    counts = lambda p: {k: v for k, v in p["summary"].items() if k != "elapsed_s"}  # noqa: E731
    assert counts(merged) == counts(whole)
    assert [s["shard"] for s in merged["environment"]["shards"]] == ["2/2", "1/2"]
    assert "shard" not in merged["environment"]
    same = {k: v for k, v in whole["environment"].items() if k != "workers"}
    assert {k: merged["environment"][k] for k in same} == same


def _edited(src, tmp_path, name, edit):
    p = payload(src)
    edit(p)
    path = tmp_path / name
    path.write_text(json.dumps(p))
    return path


@pytest.mark.parametrize("which,needle", [
    ("missing", "shard(s) 2/2 missing"),
    ("twice", "are both shard 1/2"),
    ("versions", "environment torch='9.9.9' differs"),
    ("overlap", "shards must not overlap"),
])
def test_merge_refuses_what_is_not_one_selection(tmp_path, which, needle):
    r = small()
    if which == "missing":
        args = [r["shard1"]]
    elif which == "twice":
        args = [r["shard1"], _edited(r["shard1"], tmp_path, "copy.json", lambda p: None), r["shard2"]]
    elif which == "versions":
        args = [r["shard1"], _edited(r["shard2"], tmp_path, "v.json",
                                     lambda p: p["environment"].update(torch="9.9.9"))]
    else:                                   # a record of shard 1 also in shard 2
        one = payload(r["shard1"])["results"][0]
        args = [r["shard1"], _edited(r["shard2"], tmp_path, "o.json", lambda p: p["results"].append(one))]
    out = rosetta("merge", *map(str, args), "--json", str(tmp_path / "m.json"))
    assert_usage_error(out, needle)
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize("value", ["0/2", "3/2", "a/b", "1/0", "2", "-1/2"])
def test_bad_shard_is_a_usage_error(value):
    assert_usage_error(rosetta("check", "--only", "relu", f"--shard={value}"), f"--shard={value!r} is not allowed")


def test_an_empty_shard_is_a_usage_error():
    assert_usage_error(rosetta("check", "--only", "relu[default]", "--shard", "2/2"), "slice 2 of 2 is empty")


# --- diff -------------------------------------------------------------------------------------

def _plant(p):
    """One verdict made worse, one error grown 1000×, one divergence removed, one added, torch's version changed."""
    res = p["results"]
    worse = next(x for x in res if x["case"] == "sgd[default]" and x["framework"] == "torch"
                 and x["dtype"] == "float32" and x["check"] == "params" and x["status"] == "pass")
    worse["status"] = "fail"
    grown = next(x for x in res if x["case"] == "gelu[default]" and x["framework"] == "keras"
                 and x["dtype"] == "float32" and x["check"] == "forward" and x["status"] == "pass")
    assert grown["max_abs_err"] > 0
    grown["max_abs_err"] *= 1000
    gone = next(i for i, x in enumerate(res) if x["status"] == "divergence" and x["case"] == "sgd[weight_decay]"
                and x["dtype"] == "float64" and x["check"] == "params")
    new = copy.deepcopy(res[gone])
    del res[gone]
    new["divergence"] = "a divergence planted by the test"
    res.append(new)
    p["environment"]["torch"] = "9.9.9"


def test_diff_names_exactly_the_planted_changes(tmp_path):
    r = small()
    planted = _edited(r["all"], tmp_path, "planted.json", _plant)
    d = diff.compare(reports.load(str(r["all"])), reports.load(str(planted)))
    assert [c.where() for c in d.worse] == ["sgd[default] torch float32 params"]
    assert [(c.a.status, c.b.status) for c in d.worse] == [("pass", "fail")]
    assert d.better == []
    assert [c.where() for c, _ in d.grown] == ["gelu[default] keras float32 forward"]
    assert d.grown[0][1] == pytest.approx(1000)
    assert [(x.case, x.dtype, x.check, x.divergence) for x in d.appeared] == [
        ("sgd[weight_decay]", "float64", "params", "a divergence planted by the test")]
    assert [(x.case, x.dtype, x.check) for x in d.vanished] == [("sgd[weight_decay]", "float64", "params")]
    assert d.only_a == [] and d.only_b == []
    assert [k for k, va, vb in d.env if va != vb] == ["torch"]

    out = rosetta("diff", str(r["all"]), str(planted), "--html", str(tmp_path / "diff.html"))
    assert out.returncode == 1, out.stdout + out.stderr
    text = out.stdout
    assert text.splitlines()[1].startswith("REGRESSION: 1 verdict(s) worse")
    assert "Verdicts that got worse (1):\n  pass → FAIL  sgd[default] torch float32 params" in text
    assert "Errors grown more than 10× (1):\n  gelu[default] keras float32 forward:" in text
    assert "Divergences that appeared (in B only) (1):" in text and "Divergences that vanished (in A only) (1):" in text
    torch_line = next(line for line in text.splitlines() if line.strip().startswith("* torch"))
    assert "9.9.9" in torch_line
    page = (tmp_path / "diff.html").read_text()
    section = lambda name: page.split(f'<section id="{name}">')[1].split("</section>")[0]  # noqa: E731
    assert '<td class="case">sgd[default]</td><td>torch</td><td>float32</td><td>params</td>' in section("worse")
    assert section("worse").count("<tr class=") == 1
    assert "gelu[default]" in section("grown") and "a divergence planted by the test" in section("appeared")
    assert "http://" not in page and "https://" not in page

    back = rosetta("diff", str(planted), str(r["all"]))                  # the other way: better, exit 0
    assert back.returncode == 0, back.stdout + back.stderr
    assert "Verdicts that got better (or changed between fail and error) (1):" in back.stdout


def test_diff_of_float32_against_both_dtypes_is_only_coverage():
    r = small()
    a, b = reports.load(str(r["float32"])), reports.load(str(r["all"]))
    d = diff.compare(a, b)
    float64 = [x for x in b["results"] if x.dtype == "float64"]
    assert d.worse == d.better == d.grown == d.appeared == d.vanished == d.only_a == []
    assert len(d.only_b) == len(float64) > 0
    out = rosetta("diff", str(r["float32"]), str(r["all"]))
    assert out.returncode == 0 and f"Checks only in B: {len(float64)} (" in out.stdout
    assert next(line for line in out.stdout.splitlines() if "dtypes" in line).startswith(" * ")


def test_diff_factor_is_a_threshold(tmp_path):
    r = small()
    planted = _edited(r["all"], tmp_path, "planted.json", _plant)
    a, b = reports.load(str(r["all"])), reports.load(str(planted))
    assert len(diff.compare(a, b, factor=999).grown) == 1
    assert diff.compare(a, b, factor=1001).grown == []


@pytest.mark.parametrize("kind,needle", [
    ("missing", "cannot be read"),
    ("not_json", "is not JSON"),
    ("not_report", "is not a report"),
    ("bad_status", "results[0].status='great' is not allowed"),
    ("factor", "--factor='0.5' is not allowed"),
])
def test_diff_bad_input_is_exit_2(tmp_path, kind, needle):
    good = small()["float32"]
    bad = tmp_path / "bad.json"
    if kind == "not_json":
        bad.write_text("{nope")
    elif kind == "not_report":
        bad.write_text(json.dumps({"results": []}))
    elif kind == "bad_status":
        p = payload(good)
        p["results"][0]["status"] = "great"
        bad.write_text(json.dumps(p))
    args = [str(good), str(good), "--factor", "0.5"] if kind == "factor" else [str(good), str(bad)]
    assert_usage_error(rosetta("diff", *args), needle)


def test_selection_is_what_the_shared_reports_ran():
    components = {x["component"] for x in payload(small()["all"])["results"]}
    assert components == set(SELECTION.replace("[default]", "").split(","))


# --- diff --pair-dtypes: float32 beside float64 -------------------------------------------------------------

def test_pair_dtypes_puts_each_float32_check_beside_its_float64_one():
    from conformance import diff_dtypes
    r = small()
    both = reports.load(str(r["all"]))
    d = diff_dtypes.pair(both, both)
    f64 = [x for x in both["results"] if x.dtype == "float64"]
    f32 = [x for x in both["results"] if x.dtype == "float32"]
    assert len(d.pairs) + d.only_wide == len(f64) and len(d.pairs) + d.only_narrow == len(f32)
    assert d.worse == [] and d.status == 0
    assert all((p.wide.dtype, p.narrow.dtype) == ("float64", "float32") for p in d.pairs)
    assert all((p.wide.case, p.wide.framework, p.wide.check) == (p.narrow.case, p.narrow.framework, p.narrow.check)
               for p in d.pairs)
    budget = [p.narrow.tolerance_ratio for p in d.budget]
    assert budget == sorted(budget, reverse=True) and 0 < budget[0] < 1
    assert all(p.narrow.status != "divergence" for p in d.budget)
    # float32 departs more than float64 where float64 is not exact (the sgd trajectories, the model)
    assert any(p.ratio is not None and p.ratio > 1e3 for p in d.budget)
    # the float32-only report pairs the same way: the same checks, the same numbers (one process, same kernels)
    alone = diff_dtypes.pair(both, reports.load(str(r["float32"])))
    assert [(p.where(), p.narrow.max_abs_err) for p in alone.pairs] == [(p.where(), p.narrow.max_abs_err) for p in d.pairs]
    out = rosetta("diff", str(r["all"]), str(r["float32"]), "--pair-dtypes", "--limit", "3")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[1].startswith("float32 within its tolerances: ") and f"{len(d.pairs)} check(s) in both dtypes" in lines[1]
    assert f"float32 uses at most {budget[0]:.3g} of its tolerance" in lines[1]
    assert "float32's error budget" in out.stdout and "... " in out.stdout


def test_pair_dtypes_flags_a_check_that_fails_only_in_float32(tmp_path):
    r = small()

    def fail_one(p):
        x = next(x for x in p["results"] if x["case"] == "sgd[default]" and x["framework"] == "torch"
                 and x["check"] == "params" and x["status"] == "pass")
        x["status"] = "fail"
    planted = _edited(r["float32"], tmp_path, "f32.json", fail_one)
    out = rosetta("diff", str(r["all"]), str(planted), "--pair-dtypes")
    assert out.returncode == 1, out.stdout + out.stderr
    assert out.stdout.splitlines()[1].startswith("FLOAT32 WORSE: ")
    assert "  pass (float64) → FAIL (float32)  sgd[default] torch params" in out.stdout


@pytest.mark.parametrize("args,needle", [
    (("float32", "float32"), "A ("),
    (("float32", "float32"), "has no float64 check"),
    (("all", "all", "--html", "x.html"), "--html is not allowed with --pair-dtypes"),
])
def test_pair_dtypes_bad_usage(args, needle, tmp_path):
    r = small()
    paths = [str(r[a]) if a in r else str(tmp_path / a) for a in args[:2]]
    assert_usage_error(rosetta("diff", *paths, "--pair-dtypes", *[str(tmp_path / a) if a.endswith(".html") else a
                                                                 for a in args[2:]]), needle)
