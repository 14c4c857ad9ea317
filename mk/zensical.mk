# Zensical, the second engine that builds the staged tree in tests/test_engines.py
# (ENGINES.md). Its own virtualenv: its dependencies must never move the site's.
VENV_Z := .venv-zensical

.PHONY: .venv-zensical
.venv-zensical: $(VENV_Z)/.installed

$(VENV_Z)/.installed: requirements-zensical.txt
	rm -rf $(VENV_Z)
	$(PYTHON) -m venv $(VENV_Z)
	$(VENV_Z)/bin/pip install --quiet -r requirements-zensical.txt
	touch $@

test: $(VENV_Z)/.installed
