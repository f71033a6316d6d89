"""``rosetta bench``: training-step speed of the same MLP in the reference, PyTorch and TensorFlow/Keras,
each configuration checked against the reference before its timings are shown.

    workloads.py  the MLPs, their data and weights, and one training step per framework
    measure.py    the worker process: thread settings, warm-up, timing, peak memory, the check's trajectory
    peak.py       the machine's measured limit (GEMM GFLOP/s with NumPy's BLAS) and what each library uses
    run.py        the plan: one worker process per framework and thread count, then the conformance check
    report.py     the terminal table, the JSON file and the PNG plots
    cli.py        the ``rosetta bench`` subcommand (argument checks, exit status)

Nothing here is imported by ``rosetta check``: ``conformance/cli.py`` imports ``cli`` only for ``bench``.
"""
