"""What ``rosetta check`` shows on a terminal: with ``--details`` each family's all-pass rows fold into one
line and every other row stays; ``--verbose`` shows every row; piped output keeps every row."""
from __future__ import annotations

import io

from rich.console import Console

from conformance import cli, harness, report, terminal
from conformance.record import Record


def _records():
    rec = lambda comp, fam, fw, status, err=1e-9: Record(comp, fam, f"{comp}[default]", fw, "float64",  # noqa: E731
                                                         "forward", status, err, err, 1e-12, 1e-10)
    return [rec("relu", "activation", "torch", "pass"), rec("relu", "activation", "keras", "pass"),
            rec("tanh", "activation", "torch", "pass", 3e-9),
            rec("mse", "loss", "torch", "pass"), rec("mae", "loss", "torch", "fail", 1.0),
            rec("huber", "loss", "keras", "pass")]


def test_collapse_folds_each_familys_all_pass_rows_and_keeps_the_rest():
    rows = report.collapse(report.rows(_records()))
    assert [(r.get("collapsed"), r["family"], r["status"]) for r in rows] == [
        (3, "activation", "pass"), (2, "loss", "pass"), (None, "loss", "fail")]
    assert rows[0]["components"] == {"relu", "tanh"} and rows[0]["worst_abs"] == 3e-9


def _show(verbose: bool) -> str:
    buf = io.StringIO()
    terminal.show(_records(), 1.0, details=True, quiet=False, verbose=verbose,
                  console=Console(file=buf, width=200, color_system=None))
    return buf.getvalue()


def test_details_fold_and_verbose_shows_every_row():
    folded = _show(verbose=False)
    assert "(2 components)  activation" in folded and "all pass" in folded
    assert "mae " in folded and "FAIL" in folded                       # the failing row stays
    assert "relu " not in folded and "huber" not in folded
    assert "(5 all-pass rows folded into 2 family line(s); --verbose shows every row)" in folded
    full = _show(verbose=True)
    assert all(name in full for name in ("relu", "tanh", "mse", "mae", "huber")) and "folded" not in full


def test_cli_verbose_implies_details_and_pipes_keep_every_row(monkeypatch, capsys):
    monkeypatch.setattr(harness, "run", lambda cases, fws, dtypes, **_: _records())
    assert cli.main(["check", "--only", "relu", "--workers", "1"]) == 1   # piped: every row, no folding
    out = capsys.readouterr().out
    assert "huber" in out and "folded" not in out
    monkeypatch.setattr(terminal, "is_terminal", lambda stream: True)
    assert cli.main(["check", "--only", "relu", "--workers", "1", "--details"]) == 1
    assert "folded into" in capsys.readouterr().out
    assert cli.main(["check", "--only", "relu", "--workers", "1", "--verbose"]) == 1
    out = capsys.readouterr().out
    assert "huber" in out and "worst abs" in out and "folded" not in out
