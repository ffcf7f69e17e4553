# The complaints guidance site. Every target installs what it needs first,
# so `make serve` and `make test` work on a bare machine of this kind.
#
#   make site    build content/ into site/
#   make serve   live preview of content/ on localhost: rebuilds and reloads on every save
#   make test    every test: Python, browser (Chromium), and the navigator inside Pyodide
#   make check   the policy team's review report (see README)
#   make bench   speed and size figures, compared with the budget

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# Build tooling that needs Python >= 3.12 (pyodide-build): the first one found.
TOOLS_PYTHON := $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /usr/local/bin/python3.1[2-9]; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: site serve test check bench deps clean
.DEFAULT_GOAL := site

# --- installation (each step re-runs only when its pins change) -----------------

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

.venv-tools/.installed: requirements-tools.txt
	@test -n "$(TOOLS_PYTHON)" || { echo "Need Python 3.12 or newer for pyodide-build (try pyenv)."; exit 1; }
	$(TOOLS_PYTHON) -m venv .venv-tools
	.venv-tools/bin/pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

deps: $(VENV)/.installed .venv-tools/.installed node_modules/.installed

# --- the site ----------------------------------------------------------------------

site: deps
	$(PY) -m generator build

serve: deps
	$(PY) -m generator serve --port $(PORT)

# The policy team's review report; the HTML copy goes to build/review/index.html (never site/).
check: deps /usr/bin/chromium
	$(PY) -m generator check $(CHECK_ARGS)

# --- tests -------------------------------------------------------------------------

test: deps /usr/bin/chromium
	$(PY) -m pytest

# --- measurements ------------------------------------------------------------------

bench: deps /usr/bin/chromium
	$(PY) -m bench
