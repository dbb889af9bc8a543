# Two commands do all the set-up: `make run` and `make test`.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
FLASK   := $(VENV)/bin/flask --app arena
PYTEST  := $(VENV)/bin/pytest
HOST    ?= 127.0.0.1
PORT    ?= 5000

.PHONY: run test bench bench-pages loadtest install install-dev browser-deps npm-deps translations compile-translations lint format db clean

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

# Re-install only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

compile-translations: install
	$(FLASK) i18n compile

## Extract messages, update the catalogs, fill English, compile.
translations: install
	$(FLASK) i18n update

db: install
	$(FLASK) db upgrade
	@if $(FLASK) is-empty; then $(FLASK) seed-demo; fi

## Serve the demo at http://127.0.0.1:5000 on SQLite (instance/arena.db).
run: compile-translations db
	$(FLASK) run --host $(HOST) --port $(PORT)

## Debian's Chromium for the browser tests (never `playwright install`: it downloads).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian's packages…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## The Nu Html Checker (vnu.jar, run by Java 17) from package-lock.json; again only when the
## lock changes. --ignore-scripts: vnu-jar's postinstall would download a Java runtime.
node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

npm-deps: node_modules/.package-lock.json

## Lint first (any finding fails), then the whole suite: SQLite always, PostgreSQL too
## where it answers at 127.0.0.1:5432.
test: lint browser-deps npm-deps compile-translations
	$(PYTEST) $(PYTEST_ARGS)

## Benchmarks, not part of `make test`: peak memory of an XLSX and a bundle export of an
## arena with 10,000 proposals and 1,000,000 supports (EXPORT_ARGS="--postgresql" for
## PostgreSQL), the time to import 32,000 district statistics rows, and the public pages
## under gunicorn on the demo and the city data set beside a hello-world (bench/pages.py;
## BENCH_ARGS="--sqlite-only", "--postgresql-only", "--scale 0.2 --rounds 50"). The city
## data sets are built once and kept in instance/bench/ and arena_bench_* databases.
bench: install-dev $(VENV)/.installed-prod
	$(PYTHON) bench/export_memory.py $(EXPORT_ARGS)
	$(PYTHON) bench/statistics_import.py
	$(PYTHON) bench/pages.py $(BENCH_ARGS)

## Only the pages benchmark.
bench-pages: install-dev $(VENV)/.installed-prod
	$(PYTHON) bench/pages.py $(BENCH_ARGS)

$(VENV)/.installed-prod: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e ".[prod]"
	touch $@

## Load test, not part of `make test`: Locust (headless) with 200 residents for 60 s
## against gunicorn on a copy of a mid-size city data set on SQLite, then a check that
## every acknowledged support is stored and nobody is over budget (load/run.py;
## LOAD_ARGS="--users 50 --time 20s"). Fails on any failed request or lost support.
loadtest: install-dev $(VENV)/.installed-load
	$(PYTHON) load/run.py $(LOAD_ARGS)

$(VENV)/.installed-load: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e ".[prod,load]"
	touch $@ $(VENV)/.installed-prod

lint: install-dev
	$(VENV)/bin/ruff check arena tests bench load
	$(VENV)/bin/ruff format --check arena tests bench load

format: install-dev
	$(VENV)/bin/ruff format arena tests bench load
	$(VENV)/bin/ruff check --fix arena tests bench load

clean:
	rm -rf $(VENV) instance test-artifacts .pytest_cache node_modules
