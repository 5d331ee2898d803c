# Two commands for a fresh machine (see README.md):
#   make serve   set up, then preview the site with live reload
#   make test    set up, then run every test (including a real strict build and a real browser)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
ADDR ?= 127.0.0.1:8000

# mkdocs 1.6 prints a banner about 2.0 on every run; we pin <2 on purpose.
export NO_MKDOCS_2_WARNING := 1
# The CLI, the tests and the hook import the same package from hooks/.
export PYTHONPATH := hooks

.PHONY: serve build check new test browser bench clean admin cms
# The editor at /admin/: Sveltia CMS bundled from npm (pinned by the lock file) with the
# Node.js that requirements.txt installs in .venv (no system Node needed).
ADMIN_DIR := scripts/admin
ADMIN_BUNDLE := docs/admin/cms/cms.js
ADMIN_MODULES := $(ADMIN_DIR)/node_modules/.package-lock.json
# The YAML language server that VS Code's YAML extension runs, pinned by its lock file
# (npm ci with the same Node.js): tests/test_language_server.py drives it.
LANGUAGE_SERVER_DIR := tests/language_server
LANGUAGE_SERVER := $(LANGUAGE_SERVER_DIR)/node_modules/.package-lock.json

$(SITE_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## Live preview: rebuilds and reloads the page when a file in projects/ or docs/ is saved.
serve: $(SITE_STAMP) $(ADMIN_BUNDLE)
	$(BIN)/mkdocs serve --livereload --dev-addr $(ADDR)

## Strict build into site/ (never -q: it hides --strict failures).
## Dates (sitemap) come from the last commit: two builds of one commit are byte-identical.
build: $(SITE_STAMP) $(ADMIN_BUNDLE)
	epoch="$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}"; \
	if [ -n "$$epoch" ]; then export SOURCE_DATE_EPOCH="$$epoch"; fi; \
	$(BIN)/mkdocs build --strict

## Validate projects/ only; prints every problem in French.
check: $(SITE_STAMP)
	$(BIN)/python -m showcase check

## Create projects/$(SLUG).yml from the commented template (never overwrites).
new: $(SITE_STAMP)
	@test -n "$(SLUG)" || { echo "Indiquez le nom du fichier : make new SLUG=ma-commune"; exit 2; }
	$(BIN)/python -m showcase new $(SLUG)

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || scripts/install-chromium.sh

## Every test: unit, the real strict build, the browser, the editor's language server.
test: $(TEST_STAMP) browser $(ADMIN_BUNDLE) $(LANGUAGE_SERVER)
	$(BIN)/python -m pytest

$(LANGUAGE_SERVER): $(LANGUAGE_SERVER_DIR)/package.json $(LANGUAGE_SERVER_DIR)/package-lock.json $(SITE_STAMP)
	$(BIN)/npm ci --prefix $(LANGUAGE_SERVER_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Build-time benchmark at 100 and 1,000 synthetic laureates, then search (Material's lunr
## beside Pagefind, in Chromium) on the real site and at 1,000: prints the tables of figures
## against the targets and writes bench-results/latest.md (about 10 minutes on 2 cores;
## make bench BENCH_ARGS=--quick for a shorter run). Figures only: it never fails on them.
bench: $(TEST_STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## Lighthouse on a phone (home page and a laureate): prints the four scores, fails under 95.
## Installs the pinned Lighthouse from npm into .lighthouse/ on first use; needs Node 20.
.PHONY: lighthouse
lighthouse: $(SITE_STAMP) browser
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf site $(VENV) .pytest_cache .hypothesis docs/admin/cms $(ADMIN_DIR)/node_modules \
		$(LANGUAGE_SERVER_DIR)/node_modules

## Rewrite docs/schema/laureat.schema.json from the content model (run after changing
## models.py or projects/_themes.yml; a test fails while the committed copy is stale).
.PHONY: schema
schema: $(SITE_STAMP)
	$(BIN)/python -m showcase schema

## The editor at /admin/ (docs/admin/cms/, git-ignored): npm ci from the lock file, then
## our esbuild step (scripts/admin/build.mjs). make build, serve and test run it when needed.
admin: $(ADMIN_BUNDLE)

$(ADMIN_MODULES): $(ADMIN_DIR)/package.json $(ADMIN_DIR)/package-lock.json $(SITE_STAMP)
	$(BIN)/npm ci --prefix $(ADMIN_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(ADMIN_BUNDLE): $(ADMIN_MODULES) $(ADMIN_DIR)/build.mjs $(wildcard $(ADMIN_DIR)/src/*.js)
	$(BIN)/node $(ADMIN_DIR)/build.mjs

## Rewrite docs/admin/config.yml, the form's configuration, from the content model (run
## after changing models.py or projects/_themes.yml; a test fails while it is stale).
cms: $(SITE_STAMP)
	$(BIN)/python -m showcase cms
