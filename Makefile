# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/workbench --workspace .

# Linters first (seconds), then the suite: ruff, the import layers (pyproject [tool.importlinter]),
# mypy on workbench/ (pyproject [tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/mypy

typecheck: $(STAMP)
	$(BIN)/mypy workbench

test: lint
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python benchmarks/store_bench.py
	$(BIN)/python benchmarks/search_bench.py
	$(BIN)/python benchmarks/export_bench.py

clean:
	rm -rf $(VENV) .pytest_cache
