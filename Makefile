# Two commands on a fresh machine:
#   make report   set up .venv, then run the full conformance report (reports/conformance.json)
#   make test     set up .venv, then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test clean

setup: $(STAMP)

# Framework versions are pinned in pyproject.toml's extras (torch 2.13.0 CPU, tensorflow-cpu 2.21, keras 3.15).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[torch,keras,plot,html,docs,data,spec,test]"
	touch $(STAMP)

# Another CPU's kernels on this one (`rosetta kernels`, conformance/kernels.py): `make test KERNELS=avx2`,
# `make report KERNELS=sse41` (its report: reports/conformance-sse41.json, for `rosetta diff`).
KERNELS ?=
WITH_KERNELS = $(if $(KERNELS),$(BIN)/rosetta kernels $(KERNELS) --)

# Cases run in one worker process per CPU (rosetta check --workers N to change it).
report: setup
	$(WITH_KERNELS) $(BIN)/rosetta check --json reports/conformance$(if $(KERNELS),-$(KERNELS)).json

# One pytest worker per CPU (pytest-xdist); `make test PYTEST_ARGS=` runs the suite serially.
PYTEST_ARGS ?= -n auto
test: setup
	$(WITH_KERNELS) $(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) reports .pytest_cache
