"""``rosetta docs --out DIR``: the study site, generated from the code the harness runs and the catalog.

One page per catalog component (its formula, the NumPy reference and the PyTorch and Keras builders in
tabs, defaults, divergences with their measured effects and per-update plots, conformance status) and
per example (``conformance.study``: the ways in tabs, the spec file, the notebook), an index by family
with a search box, and a learning path in the curriculum's order. Static files only, no network:
``build.py`` gathers and writes, ``templates/`` holds the Jinja2 pages, the CSS and the one script,
``formulas.toml`` the formulas (``formulas.py``), ``path.py`` the learning path, ``cli.py`` the command.
"""
