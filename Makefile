# Redline: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Local development runs with DEBUG on; production sets DEBUG=0 and SECRET_KEY itself.
export DEBUG ?= 1
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium
# The apps whose Python messages have their own catalogue (<app>/locale/).
APPS := corpus glossary annotate export api

.PHONY: run test lint install install-dev chromium migrate seed worker bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps keep re-runs fast: pip runs again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[model,postgres]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[model,postgres,dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The browser tests drive Debian's Chromium; Playwright's own browser download is not used.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests need $(CHROMIUM))." >&2; exit 1; fi

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) load_seeds
	$(MANAGE) create_demo_users

run: seed
	@echo "Redline at http://$(HOST):$(PORT)/ (Ctrl+C stops the server, the task worker and the webhook scan)"
	@$(MANAGE) run_worker & worker=$$!; \
	$(MANAGE) webhook_events --every 5 & events=$$!; \
	trap 'kill $$worker $$events 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(MANAGE) run_worker

# One style, checked before the tests: `ruff format .` and `ruff check --fix .` mend most of it.
lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

test: install-dev chromium lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# LOAD_ARGS: e.g. `--seconds 120`, or `--url http://127.0.0.1:8000` with DATABASE_URL (bench/load.py).
bench: install-dev
	$(BIN)/python bench/run_all.py
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# Translations (needs gettext; running the app does not): the templates' and scripts' strings into
# locale/zh_Hans (the apps' Python strings are in <app>/locale), then every catalogue compiled.
# Translate what is new in the .po files (tests/test_i18n.py names what is missing), then run it again.
messages: install
	$(MANAGE) makemessages -l zh_Hans -d django -e html -i '.venv/*' -i 'staticfiles/*' -i 'test-artifacts/*' --add-location=file
	$(MANAGE) makemessages -l zh_Hans -d djangojs -i '.venv/*' -i 'staticfiles/*' -i 'test-artifacts/*' -i 'tests/*' --add-location=file
	for app in $(APPS); do (cd $$app && DJANGO_SETTINGS_MODULE=config.settings PYTHONPATH=.. ../$(BIN)/django-admin makemessages -l zh_Hans --no-location -i 'management/*') || exit 1; done
	$(MANAGE) compilemessages -l zh_Hans -i .venv -i staticfiles

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .hypothesis
