# sorot: `make run` opens the app on the bundled corpus, `make test` runs every test.
# Both create .venv and install sorot into it first (once; again when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install compile run test lint format bench eval screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "sorot needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Bytecode for sorot's own modules, as a wheel install would have: with
# PYTHONDONTWRITEBYTECODE set (as on some servers and CI) an editable install
# would otherwise compile every module again on every start (~90 ms).
compile: $(STAMP)
	@$(BIN)/python -m compileall -q store tui

run: compile
	$(BIN)/sorot $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check store tui tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff check store tui tests
	$(BIN)/ruff format --check store tui tests
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format store tui tests
	$(BIN)/ruff check --fix store tui tests

bench: compile
	$(BIN)/python -m tests.bench $(ARGS)

# Entity recogniser scores, speed and size; reads ../shared (not part of `make test`).
eval: $(STAMP)
	$(BIN)/python -m store.entities.evaluate --shared ../shared $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
