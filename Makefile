# Quick start: `make run` (install, validate the KB, answer the headline question)
# and `make test` (install with dev extras, then ruff, mypy and pytest).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test test-hostile lint bench bench-server vendor clean

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
	$(BIN)/vngkb ask decentralisatie-uitkeringen-per-startjaar --param jaar=2020 --format table

lint: install-dev
	$(BIN)/ruff check vngkb tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q -m "not hostile_slow"

# The whole hostile-input suite, with the availability tests and the full sweeps of
# every SERVICE disguise through every path (marked hostile_slow; `make test` skips them).
test-hostile: install-dev
	$(BIN)/pytest -q tests/hostile

bench: install
	$(BIN)/python benchmarks/bench_ask.py
	$(BIN)/python benchmarks/bench_questions.py

# Load test of `vngkb serve`'s /sparql against a bare Oxigraph server, same data and queries.
bench-server: install-dev
	$(BIN)/python benchmarks/bench_server.py

# Refresh the vendored SPARQL editor (YASGUI) in vngkb/server/static/ from the npm
# registry. Needs node and npm; the files are committed, so serving and testing do not.
YASGUI_VERSION ?= 4.2.28
YASGUI_DIR := build/yasgui/node_modules/@triply/yasgui
vendor:
	rm -rf build/yasgui && mkdir -p build/yasgui
	cd build/yasgui && npm install --no-save --no-audit --no-fund --ignore-scripts \
		@triply/yasgui@$(YASGUI_VERSION)
	cp $(YASGUI_DIR)/build/yasgui.min.js $(YASGUI_DIR)/build/yasgui.min.css \
		$(YASGUI_DIR)/build/yasgui.min.js.LICENSE.txt vngkb/server/static/
	cp $(YASGUI_DIR)/LICENSE.txt vngkb/server/static/yasgui.LICENSE.txt

clean:
	rm -rf $(VENV) build *.egg-info
