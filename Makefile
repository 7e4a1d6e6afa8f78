# Quick start: `make run` (install, validate the KB, answer the headline question)
# and `make test` (install with dev extras, then ruff, mypy and pytest).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEVSTAMP)

run: install
	$(BIN)/vngkb validate
	$(BIN)/vngkb ask decentralisatie-uitkeringen-per-startjaar --param jaar=2020

lint: install-dev
	$(BIN)/ruff check vngkb tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/bench_ask.py

clean:
	rm -rf $(VENV) build *.egg-info
