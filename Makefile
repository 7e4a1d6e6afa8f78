# Quick start: `make run` (install, validate the KB, answer the headline question)
# and `make test` (install with dev extras, then ruff, mypy and pytest).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test test-hostile lint bench bench-server vendor mutation clean \
	bench-validate bench-scale docs translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Byte code is compiled at install, as pip does for a non-editable install: where
# PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile vngkb on every start.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q vngkb
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q vngkb
	touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEVSTAMP)

# Search latency (`vngkb zoek`) against the SPARQL zoek-in-teksten question; part of bench.
.PHONY: bench-search
bench-search: install
	$(BIN)/python benchmarks/bench_search.py

run: install
	$(BIN)/vngkb validate
	$(BIN)/vngkb ask decentralisatie-uitkeringen-per-startjaar --param jaar=2020 --format table

lint: install-dev
	$(BIN)/ruff check vngkb tests benchmarks scripts setup.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The docstring examples in vngkb/ run too (--doctest-modules). pytest-xdist runs the
# tests in one process per core (-n auto); loadgroup hands out single tests, except those
# marked xdist_group, which share one process (an expensive module fixture built once).
# Byte code first, as at install: vngkb's sources change after it, and where
# PYTHONDONTWRITEBYTECODE is set every process the tests start would compile them again.
test: lint
	$(BIN)/python -m compileall -q vngkb
	$(BIN)/pytest -q -m "not hostile_slow" -n auto --dist loadgroup --doctest-modules vngkb tests

# The whole hostile-input suite, with the availability tests and the full sweeps of
# every SERVICE disguise through every path (marked hostile_slow; `make test` skips them).
test-hostile: install-dev
	$(BIN)/pytest -q tests/hostile

bench: install bench-search
	$(BIN)/python benchmarks/bench_ask.py
	$(BIN)/python benchmarks/bench_query.py
	$(BIN)/python benchmarks/bench_questions.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_vraag.py
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_tricks.py
	$(BIN)/python benchmarks/bench_guard.py
	$(BIN)/python benchmarks/bench_input.py
	$(BIN)/python benchmarks/bench_ingest.py

# `vngkb validate` against the same pySHACL run on the shapes as they were before.
bench-validate: install
	$(BIN)/python benchmarks/bench_validate.py

# Load test of `vngkb serve`'s /sparql against a bare Oxigraph server, same data and queries.
bench-server: install-dev
	$(BIN)/python benchmarks/bench_server.py
	$(BIN)/python benchmarks/bench_server_stages.py

# Synthetic KBs of 10x and 100x the triples (temporary folder): load, every canned
# question, validate, serve throughput at 1x/10x/100x (several minutes). SCALE_ARGS
# passes options, e.g. SCALE_ARGS="--only validate --runs 3".
bench-scale: install-dev
	$(BIN)/python benchmarks/scale.py $(SCALE_ARGS)

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

# Mutation testing (slow, not part of `make test`): writes docs/mutation.md, the score per
# module and every surviving mutant.
mutation: install-dev
	$(BIN)/python scripts/mutation.py

# The gettext catalogues in vngkb/i18n/locale (Dutch is the source language): extract the
# texts of the code and the page templates (babel.cfg) into vngkb.pot, bring each
# language's vngkb.po up to date (translate the new entries of en/LC_MESSAGES/vngkb.po),
# and compile the .mo files the package reads (click.po holds click's own messages in Dutch).
LOCALE := vngkb/i18n/locale
BABEL_KEYWORDS := -k N_ -k NC_:1c,2 -k _in:2
translations: install-dev
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --add-location=file --sort-output \
		--project vngkb --copyright-holder "Project vngkb" -o $(LOCALE)/vngkb.pot .
	# No creation date in the template: it changed on every run and made every merge of
	# two branches that touched a message conflict on that line alone.
	sed -i '/^"POT-Creation-Date:/d' $(LOCALE)/vngkb.pot
	$(BIN)/pybabel update -i $(LOCALE)/vngkb.pot -d $(LOCALE) -D vngkb --no-fuzzy-matching \
		--ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -d $(LOCALE) -D vngkb --statistics
	$(BIN)/pybabel compile -d $(LOCALE) -D click --statistics

# The documentation site (mkdocs-material, mkdocs.yml) into build/site/; --strict fails on
# every warning: a broken link or anchor, a missing included file.
docs: install-dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build *.egg-info mutants
