# Two commands on a fresh machine:  make site  (builds site/ with everything)
#                                   make test  (the whole test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve check new import clean system-deps-build system-deps-test

site: $(VENV)/.build-installed system-deps-build
	$(BIN)/mkdocs build --strict --clean

test: $(VENV)/.test-installed system-deps-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: $(VENV)/.build-installed system-deps-build
	$(BIN)/mkdocs serve

# Validate every document without building (fast enough to run on every save).
check: $(VENV)/.build-installed
	$(BIN)/python -m chibo.check docs

# Start a new document from its type's template: make new TYPE=nghi-quyet MONTH=2022-03
new: $(VENV)/.build-installed
	$(BIN)/python -m chibo.new --type "$(TYPE)" $(if $(YEAR),--year "$(YEAR)") $(if $(MONTH),--month "$(MONTH)")

# Import a Word document: make import FILE=ke-hoach.docx [TYPE=ke-hoach]
import: $(VENV)/.build-installed
	$(BIN)/python -m chibo.importdoc "$(FILE)" $(if $(TYPE),--type "$(TYPE)")

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3

$(VENV)/.build-installed: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.build-installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

system-deps-build:
	@scripts/system-deps.sh build

system-deps-test:
	@scripts/system-deps.sh test

clean:
	rm -rf site .pytest_cache test-artifacts
