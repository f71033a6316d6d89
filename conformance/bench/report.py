"""What ``rosetta bench`` shows and writes: the table (rich on a terminal, plain text when piped), the JSON
file, and the PNG plots (matplotlib, optional: without it the plots are skipped with a note).

Table columns: framework, model, batch, dtype, threads; ``steps/s`` (median, with the quartile range),
``GFLOP/s`` achieved (FLOPs per step: ``workloads.flops``), ``%peak`` (of the GEMM peak measured in the
same run, same dtype and threads), ``first`` (the first step: compile / trace / warm caches), the
per-phase medians (forward, backward, optimizer; ``-`` for a step that is one compiled call), peak memory,
and ``check``: ``pass``, or ``FAIL`` with the worst ratio to the tolerance (its timings are not ranked
with the others: the row says it computes something else), ``unavailable``/``error`` with the reason.
"""
from __future__ import annotations

import os

from conformance.bench import workloads

JSON_FIELDS = ("id", "framework", "model", "batch", "dtype", "threads", "device", "status", "reason",
               "first_step_s", "step", "phases", "steps_per_s", "gflops", "ratio_to_peak", "flops_per_step",
               "peak_rss_mb", "rss_before_mb", "check")


def _fmt(v, spec=".3g") -> str:
    return "-" if v is None else format(v, spec)


def rows(results: list[dict]) -> list[list[str]]:
    out = []
    for r in results:
        check = r.get("check", {})
        if r["status"] != "ok":
            verdict = f"{r['status']}: {r.get('reason', '')}"
        elif check.get("status") == "pass":
            verdict = f"pass ({check['worst_ratio']:.2g})"
        else:
            verdict = f"FAIL: {check.get('detail', '')}"
        ph = r.get("phases") or {}
        phase = "/".join(_fmt(ph[p]["median_s"] * 1e3, ".2f") if p in ph else "-" for p in workloads.PHASES)
        sps = r.get("steps_per_s")
        spread = r.get("steps_per_s_q1_q3")
        out.append([r["framework"], r["model"], str(r["batch"]), r["dtype"], str(r["threads"]),
                    "-" if sps is None else f"{sps:.4g} ({spread[0]:.4g}–{spread[1]:.4g})",
                    _fmt(r.get("gflops")), _fmt(None if r.get("ratio_to_peak") is None else 100 * r["ratio_to_peak"], ".1f"),
                    _fmt(r.get("first_step_s"), ".3g"), phase,
                    _fmt(None if r.get("peak_rss_mb") is None or r.get("rss_before_mb") is None
                         else r["peak_rss_mb"] - r["rss_before_mb"], ".0f"), verdict])
    return out


HEADER = ["framework", "model", "batch", "dtype", "thr", "steps/s (IQR)", "GFLOP/s", "%peak", "first s",
          "fwd/bwd/opt ms", "+MB", "check"]


def peak_lines(data: dict) -> list[str]:
    lines = []
    for threads, per in data["peak"].items():
        parts = [f"{d} {v['gflops']:.1f} GFLOP/s" for d, v in per.items()]
        lines.append(f"GEMM peak, {threads} thread(s), NumPy BLAS ({per['float32']['n']}² products): " + ", ".join(parts))
    return lines


def kernels_line(data: dict) -> str:
    """What each library's worker reported computing with: its BLAS and the CPU features its kernels use."""
    libs, parts = data.get("libraries", {}), []
    if "numpy" in libs:
        n = libs["numpy"]
        simd = n.get("numpy_simd")
        parts.append(f"NumPy {n.get('numpy_blas')} ({n.get('numpy_blas_kernels') or '?'} kernels), "
                     + (f"its loops up to {simd[-1]}" if simd else "its loops at their baseline"))
    if "torch" in libs:
        t = libs["torch"]
        parts.append(f"torch {t.get('blas')}{', oneDNN' if t.get('onednn') else ''}, {t.get('cpu_capability')}")
    if "tensorflow" in libs:
        tf = libs["tensorflow"]
        isa = str(tf.get("onednn_max_cpu_isa", ""))
        cap = "" if isa.startswith("(") else f" (capped at {isa})"              # "(the best the CPU has)"
        parts.append(f"TensorFlow oneDNN {'on' + cap if tf.get('onednn') else 'off'}")
    return "Kernels: " + "; ".join(parts)


def render(data: dict) -> str:
    """Plain text: the environment and peak, then the table, then the notes."""
    table = [HEADER] + rows(data["results"])
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER) - 1)]
    lines = [f"Machine: {data['environment']['cpu']}", kernels_line(data)] + peak_lines(data) + [""]
    for row in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[-1])
    lines += ["", *notes(data)]
    return "\n".join(lines)


def notes(data: dict) -> list[str]:
    fails = [r for r in data["results"] if r.get("check", {}).get("status") == "fail"]
    out = [f"FLOPs per step: {data['flop_count']}",
           "first s: the first step (compile / trace) apart from the steady state; +MB: peak resident memory "
           "added by the configuration.",
           f"{len(data['results'])} configuration(s) in {data['elapsed_s']:.1f}s."]
    if fails:
        out.append(f"{len(fails)} configuration(s) FAIL the conformance check: their speed is not comparable.")
    return out


def show(data: dict) -> None:
    from rich.console import Console
    from rich.table import Table
    console = Console()
    console.print(f"[bold]Machine:[/bold] {data['environment']['cpu']}")
    for line in [kernels_line(data), *peak_lines(data)]:
        console.print(line)
    table = Table(show_lines=False)
    for h in HEADER:
        table.add_column(h, overflow="fold")
    for row in rows(data["results"]):
        style = "bold red" if row[-1].startswith("FAIL") or row[-1].startswith("error") else \
            "yellow" if row[-1].startswith("unavailable") else ""
        table.add_row(*row, style=style)
    console.print(table)
    for line in notes(data):
        console.print(line, style="bold red" if "FAIL" in line else "dim")


def to_json(data: dict) -> dict:
    return {"environment": data["environment"], "peak": data["peak"], "libraries": data["libraries"],
            "flop_count": data["flop_count"], "elapsed_s": data["elapsed_s"],
            "results": [{k: r.get(k) for k in JSON_FIELDS} for r in data["results"]]}


def write_json(path: str, payload: dict) -> None:
    """Whole or not at all; non-finite numbers as the strings "inf", "-inf", "nan" (``rosetta check``'s writer)."""
    from conformance import report
    report.write_json(path, payload)


def write_plots(data: dict, directory: str) -> list[str]:
    """``throughput-<dtype>-t<threads>.png``: achieved GFLOP/s against batch size, one line per framework,
    one panel per model, with the measured GEMM peak as a dotted line; ``width-<dtype>-t<threads>.png``
    (with ``--widths``): GFLOP/s against hidden width at each batch size. A framework's line is dashed,
    its points crosses, where a configuration failed its check."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(directory, exist_ok=True)
    ok = [r for r in data["results"] if r.get("gflops") is not None]
    paths = []

    def figure(panels: list[tuple[str, list[dict]]], x, xlabel: str, peak, title: str, name: str) -> None:
        """One panel per (title, rows); each framework's rows as a line of GFLOP/s against ``x(row)``."""
        fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4), squeeze=False)
        for ax, (title, rows) in zip(axes[0], panels):
            for fw in dict.fromkeys(r["framework"] for r in rows):
                pts = sorted((x(r), r["gflops"], r["check"].get("status")) for r in rows if r["framework"] == fw)
                style = "x--" if any(p[2] != "pass" for p in pts) else "o-"
                ax.plot([p[0] for p in pts], [p[1] for p in pts], style, label=fw)
            if peak:
                ax.axhline(peak, color="k", ls=":", label=f"GEMM peak {peak:.0f}")
            ax.set_xscale("log", base=2)
            ax.set_xlabel(xlabel)
            ax.set_ylabel("achieved GFLOP/s")
            ax.set_title(title, fontsize=9)
        axes[0][-1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1))     # beside, not over, the lines
        fig.suptitle(title, fontsize=9)
        fig.tight_layout()
        path = os.path.join(directory, name)
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
        paths.append(path)

    for dtype in sorted({r["dtype"] for r in ok}):
        for threads in sorted({r["threads"] for r in ok}):
            sel = [r for r in ok if r["dtype"] == dtype and r["threads"] == threads]
            if not sel:
                continue
            peak = data["peak"].get(str(threads), {}).get(dtype, {}).get("gflops")
            title = f"{dtype}, {threads} thread(s): {data['environment']['cpu']}"
            models = sorted({r["model"] for r in sel}, key=lambda m: (m.startswith("mlp-w"), m))
            figure([(f"{m} {workloads.widths_of(m)}", [r for r in sel if r["model"] == m]) for m in models],
                   lambda r: r["batch"], "batch size", peak, title, f"throughput-{dtype}-t{threads}.png")
            wide = [r for r in sel if r["model"].startswith("mlp")]
            if len({r["model"] for r in wide}) > 1:
                figure([(f"batch {b}", [r for r in wide if r["batch"] == b]) for b in sorted({r["batch"] for r in wide})],
                       lambda r: workloads.widths_of(r["model"])[1], "hidden width (784-W-W-10)", peak, title,
                       f"width-{dtype}-t{threads}.png")
    return paths
