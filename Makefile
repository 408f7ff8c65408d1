# The two commands: `make run` serves the portal, `make test` checks it. Both do all set-up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Tests send jobs to their own queue, so a `make run` worker on the same Redis never takes them.
TEST_QUEUE ?= portal-test

.PHONY: run test setup services database demo chromium lint bench clean

# The settings are production's unless asked otherwise (docs/deployment.md): the local commands, and everything they
# run first (the Procfile's processes under `make run` too), ask for development. The benchmarks' scripts choose
# their own settings (bench/settings.py: production).
run test demo database services: export DJANGO_DEBUG = 1

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -c "import django, celery, playwright" || { echo "Installing requirements.txt failed: see the pip output above."; exit 1; }
	@touch $@

setup: $(VENV)/.installed

services: setup
	@$(MANAGE) ensure_services

database: services
	@$(MANAGE) migrate --no-input | grep -v "^  Applying" || true

demo: database
	@$(MANAGE) seed_demo

run: demo
	@echo "Serving http://127.0.0.1:8000/ (web, worker and beat). Stop with Ctrl-C."
	@PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/honcho start

chromium:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| { echo "Could not install chromium (apt-get install -y chromium); the browser tests need it."; exit 1; }; }

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: services chromium lint
	$(MANAGE) makemigrations --check --dry-run
	CELERY_QUEUE=$(TEST_QUEUE) $(VENV)/bin/pytest

# Every script runs even when an earlier one misses a target; the exit status says whether all were met.
bench: database
	@status=0; for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || status=1; done; exit $$status

clean:
	rm -rf $(VENV) staticfiles test-output
