# Two commands: `make serve` (build the site strictly, serve it on http://127.0.0.1:8000)
# and `make test` (every check CI runs). Both create .venv on first use and reinstall
# it whenever pyproject.toml changes. Needs only Python >= 3.11, make and PyPI.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Silence the banner MkDocs 1.6.x prints about MkDocs 2 (we pin mkdocs<2, see pyproject.toml).
export NO_MKDOCS_2_WARNING := 1
# Plots are drawn headless, at build time and under pytest alike.
export MPLBACKEND := Agg
# Reproducible builds: dates in the sitemap come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

.DEFAULT_GOAL := help
.PHONY: help venv pyodide serve test lint format typecheck unit docs clean

help:
	@echo "make serve   build the site strictly and serve it on http://$(HOST):$(PORT)"
	@echo "make test    ruff check, ruff format --check, mypy, pytest, mkdocs build --strict"
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
	$(BIN)/python docs/hooks/pyodide.py

serve: $(STAMP)
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis .cache
