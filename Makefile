# Welcomedly Desktop — the two commands are `make run` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
# Re-install whenever the project's dependency list changes.
BASE_STAMP := $(VENV)/.installed-base
TEST_STAMP := $(VENV)/.installed-test
UI_FILES   := $(wildcard ui/*.ui)
UI_OUT     := welcomedly_desktop/gui/generated

export QT_QPA_PLATFORM_DEFAULT ?= offscreen

.PHONY: run install install-test test fuzz ui translations translations-update bytecode system-deps shared-pg test-shared bench bench-import bench-report bench-backup bench-load screenshots bundle bundle-test clean

run: install
	$(BIN)/welcomedly

install: $(BASE_STAMP) ui translations bytecode

install-test: $(TEST_STAMP) ui translations bytecode

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade "pip>=23.2"

$(BASE_STAMP): pyproject.toml | $(VENV)/bin/python
	@$(MAKE) --no-print-directory system-deps
	$(PIP) install -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	@$(MAKE) --no-print-directory system-deps
	$(PIP) install -e ".[test]"
	touch $@ $(BASE_STAMP)

# Shared libraries Qt needs even offscreen (and xcb for a real screen); installed only when missing.
system-deps:
	@bash scripts/system-deps.sh

# The package's bytecode, as pip writes it for an installed wheel: the editable install writes
# none, and where PYTHONDONTWRITEBYTECODE is set every command compiled its modules from source
# again (~0.17 s of each `welcomedly import`, measured).  Up-to-date files are skipped.
bytecode: ui
	$(BIN)/python -m compileall -q welcomedly_desktop

# Qt Designer sources -> generated Python (git-ignored; never edited by hand).
ui: $(patsubst ui/%.ui,$(UI_OUT)/ui_%.py,$(UI_FILES)) $(UI_OUT)/__init__.py

$(UI_OUT)/__init__.py:
	mkdir -p $(UI_OUT)
	echo '"""Generated from ui/*.ui by pyside6-uic (make ui); do not edit."""' > $@

$(UI_OUT)/ui_%.py: ui/%.ui | $(BASE_STAMP)
	mkdir -p $(UI_OUT)
	$(BIN)/pyside6-uic --from-imports -o $@ $<

# Translations: resources/i18n/*.ts (committed) -> .qm for Qt's QTranslator (git-ignored; the bundle
# copies resources/ whole).  `make translations-update` extracts new strings into the .ts files.
TS_FILES := $(wildcard resources/i18n/welcomedly_*.ts)
translations: $(TS_FILES:.ts=.qm)

resources/i18n/%.qm: resources/i18n/%.ts | $(BASE_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations-update: | $(BASE_STAMP)
	$(BIN)/python scripts/update_translations.py

# The shared-server tests' PostgreSQL with pgcrypto (Debian's packages; installed only when missing).
shared-pg:
	@bash scripts/shared-pg.sh >/dev/null

test: install-test shared-pg
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider

# The whole suite on the shared "office" server (PostgreSQL 15 with pgcrypto) instead of the built-in
# one; separate from `make test` because both together exceed CI's 15 minutes on 2 cores.
test-shared: install-test shared-pg
	WELCOMEDLY_TEST_SERVER=shared QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider

# The fuzz tests (tests/fuzz) with many random examples instead of the suite's fixed few.
FUZZ_EXAMPLES ?= 300
fuzz: install-test
	WELCOMEDLY_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) WELCOMEDLY_FUZZ_RANDOM=1 QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -p no:cacheprovider -q tests/fuzz

bench: bench-import bench-report bench-backup

bench-import: install-test
	$(BIN)/python -m bench.bench_import

bench-report: install-test
	$(BIN)/python -m bench.bench_report

bench-backup: install-test
	$(BIN)/python -m bench.bench_backup

bench-load: install-test
	$(BIN)/python -m bench.bench_load

screenshots: install-test translations
	QT_QPA_PLATFORM=offscreen WELCOMEDLY_LANG=es $(BIN)/python -m welcomedly_desktop.gui.screenshots docs/screenshots/es
	QT_QPA_PLATFORM=offscreen WELCOMEDLY_LANG=en $(BIN)/python -m welcomedly_desktop.gui.screenshots docs/screenshots/en

bundle: install-test
	$(BIN)/pyinstaller --noconfirm --clean build.spec

bundle-test: bundle
	bash scripts/bundle-test.sh

clean:
	rm -rf build dist $(UI_OUT) .pytest_cache
	find welcomedly_desktop -name __pycache__ -type d -prune -exec rm -rf {} +
