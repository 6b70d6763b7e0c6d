# sorot: `make run` opens the app on the bundled corpus, `make test` runs every test.
# Both create .venv and install sorot into it first (once; again when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install compile run test fuzz lint format bench eval eval-claims eval-news screenshots clean

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

# The fuzz tests of `make test` (a few dozen examples each, seconds) with thousands of
# examples each (minutes): FUZZ_EXAMPLES=N for more or fewer.
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	SOROT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py $(ARGS)

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
# SHARED=DIR for another shared folder; INDONLU=DIR adds NERGrit's test split to the held-out part.
SHARED  ?= ../shared
INDONLU ?=
eval: compile eval-claims
	$(BIN)/python -m store.entities.evaluate --shared $(SHARED) $(if $(INDONLU),--indonlu $(INDONLU)) $(ARGS)

# Related passages (precision, recall) and figure conflicts on sorot's own gold for the
# seeds (store/claims/gold_seeds.json); reads only the repository. ARGS=-v lists every error.
eval-claims: compile
	$(BIN)/python -m store.workspace.claims_eval $(ARGS)

# News parser accuracy per field on a development set of real news built outside the
# repository (see tests/newsgold/build_devset.py): make eval-news DATA=/work/data/news/dev
eval-news: $(STAMP)
	@test -n "$(DATA)" || { echo "make eval-news DATA=folder (build one with tests/newsgold/build_devset.py)" >&2; exit 2; }
	$(BIN)/python -m store.news.evaluate --data "$(DATA)" $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python -m tests.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
