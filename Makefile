# Two commands on a fresh machine:  make site  (builds site/ with everything)
#                                   make test  (the whole test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check new import bench clean system-deps-build system-deps-test

# read -> check -> stage -> render -> scan (ARCHITECTURE.md): MkDocs only ever builds a staged
# copy of docs/ that holds what may be published, and every output is scanned before site/ is
# replaced. Built beside site/ and swapped in only when everything succeeded: a failed build
# leaves site/ as it was.
site: $(VENV)/.build-installed system-deps-build
	@$(BIN)/python -m chibo.commands.site

test: $(VENV)/.test-installed system-deps-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Not strict: a warning while writing must not stop the preview server (make site stays strict).
serve: $(VENV)/.build-installed system-deps-build
	$(BIN)/mkdocs serve --no-strict

# Validate every document without building (fast enough to run on every save).
check: $(VENV)/.build-installed
	$(BIN)/python -m chibo.commands.check docs

# What a user types (FILE, TYPE, YEAR, MONTH) reaches the recipes as environment variables,
# quoted by the shell: a file name with `backticks` or $(...) is a name, never a command.
export FILE TYPE YEAR MONTH

# Start a new document from its type's template: make new TYPE=nghi-quyet MONTH=2022-03
new: $(VENV)/.build-installed
	$(BIN)/python -m chibo.commands.new --type "$$TYPE" $${YEAR:+--year "$$YEAR"} $${MONTH:+--month "$$MONTH"}

# Import a Word document: make import FILE=ke-hoach.docx [TYPE=ke-hoach]
import: $(VENV)/.build-installed
	$(BIN)/python -m chibo.commands.importdoc "$$FILE" $${TYPE:+--type "$$TYPE"}

# Publish to a web root atomically, keeping the previous version (README: "Đăng lên mạng nội bộ"):
#   make publish DEST=/var/www/chibo SITE_URL=https://intranet/chibo/
#   make rollback DEST=/var/www/chibo
.PHONY: publish rollback offline
publish: $(VENV)/.build-installed system-deps-build
	@test -n "$(DEST)" || { echo "Cần chỉ thư mục đăng, ví dụ: make publish DEST=/var/www/chibo" >&2; exit 2; }
	$(BIN)/python -m chibo.commands.publish publish --dest "$(DEST)" $(if $(SITE_URL),--site-url "$(SITE_URL)")

rollback: $(VENV)/.build-installed
	@test -n "$(DEST)" || { echo "Cần chỉ thư mục đăng, ví dụ: make rollback DEST=/var/www/chibo" >&2; exit 2; }
	$(BIN)/python -m chibo.commands.publish rollback --dest "$(DEST)"

# A zip that opens from file:// on a phone or PC: dist/van-ban-chi-bo-ngoai-tuyen.zip
offline: $(VENV)/.build-installed system-deps-build
	$(BIN)/python -m chibo.commands.publish offline

# Benchmarks (see BENCHMARKS.md): quick by default, FULL=1 adds 30 cells x 10 years.
bench: $(VENV)/.test-installed system-deps-test
	@[ -x bench/node_modules/.bin/lighthouse ] || (command -v npm >/dev/null && cd bench && \
	  npm install --silent --no-audit --no-fund --no-package-lock) || echo "Không có npm: bỏ qua điểm Lighthouse."
	$(BIN)/python -m bench.run --markdown $(if $(FULL),--full)

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
