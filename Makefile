# Thanrak: the one entry point. `make run` and `make test` need nothing before them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard locale/th/LC_MESSAGES/django.po locale/th/LC_MESSAGES/djangojs.po \
	thanrak/*/locale/th/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
HOST ?= 127.0.0.1
# Test processes (pytest-xdist): one per core; PYTEST_WORKERS=0 runs in this process.
# Work stealing: a process that runs out of tests takes half of another's queue, so the slow
# browser tests sorted last are not left to one process.
PYTEST_WORKERS ?= auto
PYTEST_DIST := $(if $(filter 0,$(PYTEST_WORKERS)),,--dist worksteal)
# Compiled and assertion-rewritten modules are kept in __pycache__ (git-ignored) even where
# the environment says not to write bytecode: each test process would compile them all again.
KEEP_BYTECODE := env -u PYTHONDONTWRITEBYTECODE
PORT ?= 8000
# Production-like settings for `check --deploy`.
DEPLOY_ENV := DEBUG=0 SECRET_KEY=deploy-check-secret-key-that-is-long-and-random-0123456789abcdef \
	ALLOWED_HOSTS=thanrak.example.go.th

.PHONY: help install system-deps run serve db demo test test-pg lint security format migrations-check messages-check \
	deploy-check ci bench bench-national messages compilemessages vendor lock clean

help:
	@echo "make run         install, migrate, load areas and the Surat Thani demo, serve on $(HOST):$(PORT)"
	@echo "make test        the whole test suite on SQLite (browser tests included)"
	@echo "make test-pg     the same suite against a throwaway PostgreSQL 15 server"
	@echo "make security    bandit on the code (findings fixed or justified inline)"
	@echo "make ci          lint, security, migrations check, deploy check, test and test-pg"
	@echo "make bench-national  page times, page weight and load on the national data (PostgreSQL)"
	@echo "make messages    update the Thai translation catalogue (locale/th)"
	@echo "make vendor      refresh static/vendor from the pinned npm packages"
	@echo "make lock        re-pin requirements.lock (runtime) and requirements-dev.lock from .venv"

# Development installs both pin sets: requirements-dev.lock starts with
# `-r requirements.lock` (production installs requirements.lock alone).
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@scripts/system-deps.sh pdf tools
	@test -x $(PY) || { py=$$(scripts/find-python.sh) && "$$py" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-virtualenv \
		-r requirements-dev.lock
	@touch $@

install: $(STAMP) $(MO)

system-deps:
	@scripts/system-deps.sh pdf tools browser

# Compiled translations: each .mo is rebuilt when its .po changes.
%.mo: %.po | $(STAMP)
	msgfmt --check-format -o $@ $<

compilemessages: $(MO)

# This checkout's development settings, read by config/settings.py (variables set in the
# environment win): written once, never overwritten, git-ignored, readable by its owner only.
.env: | $(STAMP)
	@umask 077 && $(PY) -c 'import secrets; print("# Development settings of this checkout, written by make run (not for production).\nDEBUG=1\nSECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "Wrote .env (DEBUG=1 and a new SECRET_KEY): manage.py runs in this checkout as it is."

db: install .env
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_areas

demo: db
	DEBUG=1 $(PY) manage.py load_demo

run: demo serve

# The web server, with the worker that makes long documents and imports in the
# background (its log: var/worker.log, where the e-mails are printed too); Ctrl-C stops
# both. Served as production serves it (DEBUG off: the site's own Thai error pages, the
# collected static files served by WhiteNoise), over plain HTTP on this machine (HTTPS=0).
# DEBUG=1 make serve: Django's debug pages, static files read from the source folders.
SERVE_ENV = DEBUG=$(or $(DEBUG),0) HTTPS=0 ALLOWED_HOSTS=$(HOST),localhost,127.0.0.1 \
	SITE_URL=http://$(HOST):$(PORT) EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
# The static files collected again only when one of them changed (or the dependencies).
STATIC_SOURCES := $(shell find static thanrak/*/static -type f 2>/dev/null)
staticfiles/staticfiles.json: $(STAMP) $(STATIC_SOURCES) | .env
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0

serve: install .env $(if $(filter 1,$(DEBUG)),,staticfiles/staticfiles.json)
	@echo "Thanrak on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@$(SERVE_ENV) $(PY) manage.py db_worker > var/worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(SERVE_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@scripts/system-deps.sh browser
	$(KEEP_BYTECODE) $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) $(PYTEST_ARGS)

test-pg: install
	@scripts/system-deps.sh browser
	$(KEEP_BYTECODE) scripts/test-pg.sh $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Security lint of the code: each finding fixed or justified inline with `# nosec BXXX`.
security: install
	$(VENV)/bin/bandit -q -c pyproject.toml -r thanrak config

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

deploy-check: install
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

ci: lint security migrations-check messages-check deploy-check test test-pg

# Benchmarks print `name: value unit`, one line per figure, on a scratch SQLite database.
bench: install
	@rm -f var/bench.sqlite3
	DEBUG=1 DB_NAME=var/bench.sqlite3 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 DB_NAME=var/bench.sqlite3 $(PY) manage.py load_areas >/dev/null
	DEBUG=1 DB_NAME=var/bench.sqlite3 $(PY) manage.py bench

# The national data set on a throwaway PostgreSQL 15: page timings, page weight and a
# 60-second mixed load on gunicorn (scripts/bench-national.sh; README "Performance").
bench-national: install
	@scripts/system-deps.sh browser
	scripts/bench-national.sh

messages: install
	DEBUG=1 $(PY) manage.py makemessages --locale th --no-location --no-obsolete \
		--ignore '.venv/*' --ignore 'static/vendor/*' --ignore 'node_modules/*'

# Fails when a UI string was added or changed without `make messages` (and a Thai
# translation: tests/test_translations.py checks that every entry has one).
messages-check: messages
	git diff --exit-code -I 'POT-Creation-Date' -- locale/ 'thanrak/*/locale/'

vendor:
	scripts/vendor.sh

lock: install
	$(PY) scripts/lock.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache $(MO)
