# sorot: `make run` opens the app on the bundled corpus, `make test` runs every test.
# Both create .venv and install sorot into it first (once; again when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint format bench eval screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "sorot needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/sorot $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check store tui tests
	$(BIN)/python -m pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff check store tui tests
	$(BIN)/ruff format --check store tui tests

format: $(STAMP)
	$(BIN)/ruff format store tui tests
	$(BIN)/ruff check --fix store tui tests

bench: $(STAMP)
	$(BIN)/python -m tests.bench $(ARGS)

# Entity recogniser scores, speed and size; reads ../shared (not part of `make test`).
eval: $(STAMP)
	$(BIN)/python -m store.entities.evaluate --shared ../shared $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
