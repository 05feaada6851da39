# The Xiaomi EV briefing. Two commands matter: `make serve` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed
EDITOR_STAMP := $(VENV)/.editor-installed
# The site engine: mkdocs (default), properdocs or zensical. The others are optional extras,
# each pinned with hashes in its own lock file and installed on first use.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE must be one of: $(ENGINES))
endif
OPTIONAL_ENGINE_STAMPS := $(VENV)/.properdocs-installed $(VENV)/.zensical-installed
ENGINE_STAMP := $(if $(filter mkdocs,$(ENGINE)),$(RUNTIME_STAMP),$(VENV)/.$(ENGINE)-installed)
# Where `make serve` listens: ADDR=0.0.0.0:8001 previews on a phone on the same network.
ADDR ?= 127.0.0.1:8000
CHROMIUM_STAMP := $(VENV)/.chromium-checked
# Reproducible builds: default the build date to the last commit that touched the facts.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct -- facts 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

FORMAT ?= text
BASE ?= origin/main
# Review period of topics that set none; empty: extra.briefing.review_after_days of mkdocs.yml.
MAX_AGE_DAYS ?=

.PHONY: help serve site check render test test-fast lint bench lock clean factdiff audit screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(RUNTIME_STAMP): requirements.lock pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# The tests build and browse the site with every engine, so they install them all.
$(TEST_STAMP): requirements-test.lock $(RUNTIME_STAMP) $(EDITOR_STAMP) $(OPTIONAL_ENGINE_STAMPS)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.lock
	@touch $@

# yamllint for the editors' pre-commit hooks (.pre-commit-config.yaml); `make check` brings it.
$(EDITOR_STAMP): requirements-editor.lock $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-editor.lock
	@touch $@

# An optional engine: requirements-properdocs.lock or requirements-zensical.lock.
$(OPTIONAL_ENGINE_STAMPS): $(VENV)/.%-installed: requirements-%.lock $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $<
	@touch $@

# Debian's Chromium for the browser tests; installed when missing and we may install it.
$(CHROMIUM_STAMP): | $(VENV)/bin/python
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here: browser tests will be skipped"; fi; \
	fi
	@touch $@

serve: $(ENGINE_STAMP) ## Preview at http://127.0.0.1:8000, re-rendered on every change (ADDR=, ENGINE=)
	$(BIN)/briefing serve --engine $(ENGINE) --dev-addr $(ADDR)

site: $(ENGINE_STAMP) ## Validate the facts and build the site into site/ (ENGINE=mkdocs|properdocs|zensical)
	$(BIN)/briefing build --engine $(ENGINE)

check: $(RUNTIME_STAMP) $(EDITOR_STAMP) ## Validate the facts and print every problem (FORMAT=github for CI), then yamllint them
	@status=0; \
	$(BIN)/briefing check --format $(FORMAT) || status=1; \
	$(BIN)/yamllint --strict --format $(if $(filter github,$(FORMAT)),github,parsable) -c .yamllint.yaml facts/ $(if $(filter json,$(FORMAT)),1>&2) || status=1; \
	exit $$status

render: $(RUNTIME_STAMP) ## Write the generated Markdown pages only (for another engine)
	$(BIN)/briefing render

factdiff: $(RUNTIME_STAMP) ## Summarise fact changes since BASE (default origin/main) into fact-diff.md
	$(BIN)/briefing diff $(BASE) --output fact-diff.md
	@cat fact-diff.md

audit: $(RUNTIME_STAMP) ## Check every source URL and list claims older than MAX_AGE_DAYS
	$(BIN)/briefing audit --check-urls --fail-on-broken $(if $(MAX_AGE_DAYS),--max-age-days $(MAX_AGE_DAYS))

lint: $(TEST_STAMP) ## ruff and mypy (strict) over the code
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

test: $(TEST_STAMP) $(CHROMIUM_STAMP) lint ## Install what the tests need and run the whole suite
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: $(TEST_STAMP) ## The inner loop: every test but the browser and whole-site ones (no lint)
	$(BIN)/python -m pytest -n 2 -q -m "not browser and not slow" $(PYTEST_ARGS)

screenshots: $(TEST_STAMP) $(CHROMIUM_STAMP) ## Refresh the reviewers' screenshots in screenshots/
	BRIEFING_SCREENSHOTS=$(CURDIR)/screenshots $(BIN)/python -m pytest -q -k "dark_mode or phone_width or accessible or search_lands or citation_that_works or all_claims or on_a_phone or by_touch or light_and_dark" tests/test_reader.py tests/test_find_cite.py tests/test_charts_browser.py

bench: $(TEST_STAMP) ## Measure check, build and preview with every engine into docs/benchmark.md
	$(BIN)/python -m bench

# Every extra's lock pins the runtime's packages exactly as requirements.lock does.
LOCK_EXTRAS := test editor properdocs zensical
lock: ## Re-pin the dependencies with hashes (needs uv)
	uv pip compile pyproject.toml requirements-build.in --python-version 3.11 --generate-hashes --universal -o requirements.lock
	for extra in $(LOCK_EXTRAS); do \
	  uv pip compile pyproject.toml requirements-build.in --extra $$extra -c requirements.lock \
	    --python-version 3.11 --generate-hashes --universal -o requirements-$$extra.lock || exit 1; \
	done

clean: ## Remove the virtualenv, generated pages and the built site
	rm -rf $(VENV) site docs/briefing docs/index.md docs/preview-status.js .pytest_cache \
	  .cache .site-preview .briefing-*.yml
