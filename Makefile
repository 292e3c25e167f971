# Docket: `make run` to try it, `make test` to test it. Nothing but Python 3.11+ needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := DOCKET_CONFIG=development $(BIN)/flask --app wsgi

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

## run: install, migrate the SQLite database under instance/, load the demo once, serve on :5000
run: $(VENV)/.run-deps
	$(FLASK) db upgrade
	$(FLASK) demo load --if-new
	@echo "Docket is starting on http://127.0.0.1:5000 (Ctrl-C stops it)."
	@# The development server with the scheduler inside it (SCHEDULER_ENABLED); gunicorn never starts one.
	$(FLASK) scheduler serve --host 127.0.0.1 --port 5000

## test: the whole suite on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set
test: $(VENV)/.test-deps
	$(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL: $$TEST_DATABASE_URL"; \
		$(BIN)/pytest --database-url "$$TEST_DATABASE_URL"; \
	fi

## lint: ruff's checks and its formatting, as CI runs them before the tests
lint: $(VENV)/.test-deps
	$(BIN)/ruff check app config.py wsgi.py migrations/env.py tests bench
	$(BIN)/ruff format --check app config.py wsgi.py migrations/env.py tests bench

## bench: pages, throughput, jobs and imports at BENCH_CASES cases on PostgreSQL and SQLite (settings: bench/run.py)
bench: $(VENV)/.run-deps
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
