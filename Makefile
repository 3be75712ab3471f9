# Two commands: `make serve` (build the site strictly, serve it on http://127.0.0.1:8000)
# and `make test` (every check CI runs). Both create .venv on first use and reinstall
# it whenever pyproject.toml changes. Needs only Python >= 3.11, make and PyPI.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# pytest-xdist workers for `make test` (the machine CI runs on has 2 cores).
WORKERS ?= 2

# Silence the banner MkDocs 1.6.x prints about MkDocs 2 (we pin mkdocs<2, see pyproject.toml).
export NO_MKDOCS_2_WARNING := 1
# Plots are drawn headless, at build time and under pytest alike.
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help venv pyodide serve test lint format typecheck unit docs clean

help:
	@echo "make serve   build the site strictly and serve it on http://$(HOST):$(PORT)"
	@echo "make test    ruff check, ruff format --check, mypy, the site's strict build, pytest"
	@echo "make docs    build the site into site/ (tools/site_files.py build site)"
	@echo "make format  apply ruff's fixes and formatting"
	@echo "make pyodide download the calculator page's Pyodide (the first build does it too)"
	@echo "make clean   remove .venv, site/ and caches"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

pyodide: $(STAMP)
	$(BIN)/python tools/pyodide_files.py

# The generated files first (tools/site_files.py); docs/hooks/serve.py refreshes them on rebuilds.
serve: $(STAMP)
	$(BIN)/python tools/site_files.py prepare
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# The site is built once (docs) and the tests read that build (BACKPROP_STEPS_SITE); only the
# reproducibility test builds it a second time, to compare.
test: lint typecheck docs unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	BACKPROP_STEPS_SITE=site $(BIN)/pytest --numprocesses=$(WORKERS) --dist=loadscope --durations=15

docs: $(STAMP)
	$(BIN)/python tools/site_files.py build site

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis docs/assets/pyodide docs/test-vectors docs/exercises/data docs/exercises/course
